"""The sandbox's server machinery: one ``Passage`` (admission: size limit, faults, the session write gate,
the journal) and one pipeline (authentication, request parts, the handler run, the answer held to the spec),
with the three ways in over them: the in-process engine, the httpx handler and the ASGI app."""
