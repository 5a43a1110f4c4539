"""Regie Inburgering: regional execution of the Wet inburgering 2021."""

__version__ = "0.1.0"
