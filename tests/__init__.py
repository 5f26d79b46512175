"""Cross-app tests (browser journeys); also `tests.browser_support`, their set-up."""
