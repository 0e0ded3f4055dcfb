"""The web dashboard: jinja2 templates and static assets served by the API app."""
