// want: JAVA-RESOURCE-LEAK
package com.acme.export;

public class CsvExporter {
    public void export(Path path, List<Row> rows) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(path);
        for (Row r : rows) {
            out.write(r.toCsv());
            out.newLine();
        }
        out.close();
    }
}
