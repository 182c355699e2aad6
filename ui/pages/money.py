"""Page script: see ui/money.py."""

from ui.money import render

render()
