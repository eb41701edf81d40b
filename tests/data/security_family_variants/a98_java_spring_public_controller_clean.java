// clean: JAVA-ROUTE-NO-AUTH
// path: src/main/java/com/acme/site/PublicCatalogController.java
package com.acme.site;

import java.util.List;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/public/catalog")
public class PublicCatalogController {
    private final CatalogService catalog;

    public PublicCatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/categories")
    public List<CategoryView> categories() {
        return catalog.categories();
    }

    @GetMapping("/products/{slug}")
    public ProductView product(@PathVariable String slug) {
        return catalog.bySlug(slug);
    }

    @GetMapping("/search")
    public List<ProductView> search(@RequestParam String q) {
        return catalog.search(q);
    }
}
