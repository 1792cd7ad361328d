# Installed as the package `winnow._resources` (see pyproject.toml) so that importlib.resources
# finds these files the same way from a checkout, a wheel and the frozen app. Data only, no code.
