"""The build machinery: the pipeline, the route table, freshness (fingerprints) and the writer."""
