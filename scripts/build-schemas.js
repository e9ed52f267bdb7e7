// placeholder: replaced by the OpenAPI → JSON Schema converter
