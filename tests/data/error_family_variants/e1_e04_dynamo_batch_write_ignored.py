# want: ANY-BATCH-FAILURES-IGNORED
def save_scores(dynamodb, table_name: str, scores: list[dict]) -> None:
    for start in range(0, len(scores), 25):
        dynamodb.batch_write_item(
            RequestItems={
                table_name: [{"PutRequest": {"Item": item}} for item in scores[start:start + 25]],
            }
        )
