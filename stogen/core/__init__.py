"""The ground floor: problems, YAML with line numbers, field specs, artifacts, the cache and the parallel map.

Imports nothing else of stogen (except its version).
"""
