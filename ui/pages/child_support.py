"""Page script: see ui/child_support.py."""

from ui.child_support import render

render()
