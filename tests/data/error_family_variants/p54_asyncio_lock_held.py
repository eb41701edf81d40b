# want: PY-LOCK-HELD-ON-RETURN
class TokenCache:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._token = None

    async def token(self):
        await self._lock.acquire()
        if self._token and not self._token.expired:
            return self._token
        self._token = await self._refresh()
        self._lock.release()
        return self._token
