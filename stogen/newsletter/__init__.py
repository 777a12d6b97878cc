"""The monthly newsletter: a source file per month, composed from the site model, rendered for email.

source.py reads and checks newsletters/<yyyy-mm>.md (no rendering); compose.py gathers the month's
content from the Site; links.py makes links absolute and tags them; email.py renders the HTML and
the plain-text part. The CLI verb is stogen/commands/newsletter.py, the web archive stogen/outputs/newsletter.py.
"""

from stogen.newsletter.source import scaffold_newsletter

__all__ = ["scaffold_newsletter"]
