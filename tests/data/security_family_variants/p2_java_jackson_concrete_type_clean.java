// clean: JAVA-UNSAFE-DESERIALIZATION
// path: src/main/java/com/acme/imports/ImportController.java
package com.acme.imports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.io.IOException;

@Controller("/imports")
public class ImportController {
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Post
    public ImportResult create(@Body String json) throws IOException {
        ImportRequest request = mapper.readValue(json, ImportRequest.class);
        return ImportResult.accepted(request.source(), request.rows().size());
    }
}
