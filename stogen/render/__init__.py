"""Rendering machinery: the safe Markdown renderer, every body rendered once (with the cache), the theme (Jinja2)."""
