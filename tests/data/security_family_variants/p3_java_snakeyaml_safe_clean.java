// clean: JAVA-UNSAFE-DESERIALIZATION
package com.acme.pipelines;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

@RestController
public class PipelineController {
    @PostMapping(value = "/pipelines", consumes = "application/yaml")
    public Map<String, Object> upload(@RequestBody String spec) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> parsed = yaml.load(spec);
        return Map.of("name", parsed.get("name"), "steps", parsed.getOrDefault("steps", java.util.List.of()));
    }
}
