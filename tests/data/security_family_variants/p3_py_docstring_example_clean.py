# clean: ANY-HARDCODED-PASSWORD
from urllib.parse import parse_qs, urlsplit


def parse_connection_uri(uri: str) -> dict[str, str]:
    """Split a wallet connection URI into its parts.

    Example:
        >>> parse_connection_uri("walletconnect://abcdef?relay=relay.example.com&secret=123")
        {'pubkey': 'abcdef', 'relay': 'relay.example.com', 'secret': '123'}
    """
    parts = urlsplit(uri)
    query = parse_qs(parts.query)
    return {"pubkey": parts.netloc, "relay": query["relay"][0], "secret": query["secret"][0]}
