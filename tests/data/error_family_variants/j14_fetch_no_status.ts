// want: JS-HTTP-STATUS-UNCHECKED
export async function getUser(id: string): Promise<User> {
  const res = await fetch(`${BASE}/users/${id}`, { signal: AbortSignal.timeout(5000) });
  const body = await res.json();
  return body as User;
}
