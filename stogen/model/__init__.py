"""Sources -> records -> the site model.

Configuration, content kinds, loaders, regions, the URL map, links, the assembled site.
"""
