"""Page script: see ui/lawyer.py."""

from ui.lawyer import render

render()
