"""The client: build -> send -> interpret, over the spec model and the engine family.

``client`` holds the thin ``Client``/``AsyncClient`` shells; ``request`` the one build/send seam
(``PreparedRequest``, ``RawResponse``); ``options`` every client and call option checked one way; ``codec`` turns
arguments into request bytes and an answer into data or an error (pure); ``binding`` makes one real function per
operation; ``retry`` and ``attempt`` the attempt loop and one attempt on the wire; ``auth`` credentials and
signing; ``pages`` pagination; ``middleware`` and ``telemetry`` the hooks around a call; ``drift`` the warn-mode
ledger.
"""
