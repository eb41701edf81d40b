// want: JS-ALLSETTLED-UNCHECKED
export async function notifyAll(users: User[]): Promise<void> {
  await Promise.allSettled(users.map((u) => mailer.sendDigest(u.email)));
  await db.digest.update({ where: { id: 1 }, data: { sentAt: new Date() } });
}
