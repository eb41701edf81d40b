// want: JS-ASYNC-FOREACH
export async function notifyAll(users: User[], push: PushService): Promise<void> {
  users.forEach(async (u) => {
    await push.send(u.deviceToken, 'Your order shipped');
  });
}
