// clean: JS-SSRF
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

const FEEDS: Record<string, string> = {
  news: "https://feeds.example.com/news.xml",
  blog: "https://feeds.example.com/blog.xml",
};

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const feed = event.queryStringParameters?.feed ?? "news";
  const feedUrl = FEEDS[feed];
  if (!feedUrl) {
    return { statusCode: 400, body: "unknown feed" };
  }
  const response = await fetch(feedUrl);
  const body = await response.text();
  return { statusCode: 200, headers: { "content-type": "application/rss+xml" }, body };
};
