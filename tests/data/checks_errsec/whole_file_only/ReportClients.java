package com.shop.reports;

@Service
public class ReportService {
    private final HikariDataSource shared;
    private final OkHttpClient http;

    public ReportService(HikariConfig config) {
        HikariDataSource ds = new HikariDataSource(config);
        this.shared = ds;
        this.http = new OkHttpClient();
    }

    public List<Row> rows(String tenant) {
        HikariDataSource ds = new HikariDataSource(configFor(tenant));  // expect: JAVA-CLIENT-PER-CALL
        return new JdbcTemplate(ds).query(SQL, MAPPER);
    }

    public String rates() throws IOException {
        OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();  // expect: JAVA-CLIENT-PER-CALL
        try (Response response = client.newCall(new Request.Builder().url(RATES).build()).execute()) {
            return response.body().string();
        }
    }

    public String status(URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();  // expect: JAVA-CLIENT-PER-CALL
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                BodyHandlers.ofString()).body();
    }

    public String legacy(String url) throws IOException {
        CloseableHttpClient client = HttpClients.createDefault();  // expect: JAVA-CLIENT-PER-CALL
        return EntityUtils.toString(client.execute(new HttpGet(url)).getEntity());
    }

    public String legacyClosed(String url) throws IOException {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            return EntityUtils.toString(client.execute(new HttpGet(url)).getEntity());
        }
    }

    public String legacyFinally(String url) throws IOException {
        CloseableHttpClient client = HttpClients.custom().build();
        try {
            return EntityUtils.toString(client.execute(new HttpGet(url)).getEntity());
        } finally {
            client.close();
        }
    }

    @Bean
    public HttpClient httpClient() {
        HttpClient client = HttpClient.newHttpClient();
        return client;
    }

    public DataSource tenantDataSource(String tenant) {
        HikariDataSource ds = new HikariDataSource(configFor(tenant));
        return ds;
    }
}
