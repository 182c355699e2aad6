"""Page script: see ui/situation.py."""

from ui.situation import render

render()
