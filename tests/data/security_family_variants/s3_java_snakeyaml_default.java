// want: JAVA-UNSAFE-DESERIALIZATION
package com.acme.api;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.Yaml;

@RestController
public class PipelineController {
    @PostMapping("/pipelines/validate")
    public String validate(@RequestBody String body) {
        Object spec = new Yaml().load(body);
        return spec.getClass().getSimpleName();
    }
}
