"""truce as a server: a REST API and a dashboard on the same core as the CLI."""
