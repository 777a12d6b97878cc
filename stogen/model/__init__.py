"""Sources -> records -> the site model: configuration, content kinds, loaders, regions, the URL map, links, the assembled site."""
