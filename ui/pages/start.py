"""Page script: see ui/start.py."""

from ui.start import render

render()
