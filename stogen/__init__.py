"""stogen: the static-site generator of Sterk Techniekonderwijs."""

__version__ = "0.1.0"
