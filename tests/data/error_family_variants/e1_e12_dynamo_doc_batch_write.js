// want: ANY-BATCH-FAILURES-IGNORED
const { BatchWriteCommand } = require('@aws-sdk/lib-dynamodb');

async function saveSessions(docClient, tableName, sessions) {
  for (let i = 0; i < sessions.length; i += 25) {
    await docClient.send(new BatchWriteCommand({
      RequestItems: {
        [tableName]: sessions.slice(i, i + 25).map((item) => ({ PutRequest: { Item: item } })),
      },
    }));
  }
}

module.exports = { saveSessions };
