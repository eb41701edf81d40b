// want: JS-ASYNC-NOT-AWAITED
class SessionStore {
  async touch(sessionId) {
    const session = await this.sessions.findById(sessionId);
    this.sessions.updateOne({ _id: sessionId }, { $set: { lastSeen: new Date() } });
    return session;
  }
}
module.exports = SessionStore;
