"""The spec model: an OpenAPI document loaded into one immutable ``Spec``, and everything read from it alone.

It knows nothing of clients or sockets (``tests/house/test_layers.py`` keeps it so). ``document`` reads YAML as JSON
would (bounded, cached), ``openapi30`` turns 3.0 into 3.1, ``overlay`` applies OpenAPI Overlays, ``refs`` checks every
``$ref``, ``schema`` is the schema toolkit (refs followed by one rule, ``allOf`` merged, the one example builder),
``validation`` holds a validator per schema, ``routing`` maps a request to its operation, ``naming`` and
``reserved`` give Python names, and ``face`` the Python face of an operation (signature, docstring, paging) that
the client binds and the docs and stubs render.
"""
