// clean: ANY-LOCK-RELEASED-ONLY-ON-SUCCESS
export async function withResource(pool: Pool<Browser>): Promise<string> {
  const browser = await pool.acquire();
  const html = await render(browser);
  await pool.release(browser);
  return html;
}
