"""The Talon rules the sandbox plays: handlers by operationId (the 2020 reference and the current API),
sessions, campaigns and their rules vocabulary, the request context, seeding, and the answers built from a
spec's schemas for operations no handler knows. Nothing here knows HTTP framing or sockets."""
