// want: JS-STACK-TRACE-LEAK
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    const rows = await db.query('SELECT * FROM plans WHERE org_id = $1', [req.query.org]);
    res.status(200).json(rows);
  } catch (error) {
    res.status(500).json({ error: String(error) });
  }
}
