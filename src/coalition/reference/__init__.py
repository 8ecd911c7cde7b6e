"""Reference data shipped with the package: countries, organisations, groups, office-holders."""
