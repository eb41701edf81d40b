// want: JAVA-ROUTE-NO-AUTH
package com.acme.catalog.web;

import com.acme.catalog.service.ProductService;
import com.acme.catalog.web.dto.ProductRequest;
import com.acme.catalog.web.dto.ProductResponse;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/products")
public class ProductController {

    private final ProductService products;

    public ProductController(ProductService products) {
        this.products = products;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('catalog:read')")
    public List<ProductResponse> list() {
        return products.findAll();
    }

    @PostMapping
    @PreAuthorize("hasAuthority('catalog:write')")
    public ProductResponse create(@RequestBody ProductRequest request) {
        return products.create(request);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:write')")
    public ProductResponse update(@PathVariable long id, @RequestBody ProductRequest request) {
        return products.update(id, request);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable long id) {
        products.delete(id);
        return ResponseEntity.noContent().build();
    }
}
