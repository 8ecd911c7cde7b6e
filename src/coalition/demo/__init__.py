"""The demo: the Global Coalition against ISIS as five news reports describe it."""
