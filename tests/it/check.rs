//! `golive check`: every rule against a fixture that fails it and one that passes it, with
//! the finding's line and column; real connector folders (`tests/data/connectors`, a sample
//! of microsoft/PowerPlatformConnectors); the CLI's exit codes and formats; SARIF against
//! the 2.1.0 schema; hostile input.

use std::path::{Path, PathBuf};

use golive::check::{Options, Publisher, Report, check_folder, render_json, render_sarif};

use crate::harness::{TempFile, golive, temp_dir};

/// A clean connector: no finding at all. Every case below changes one thing in it.
const SWAGGER: &str = r##"{
  "swagger": "2.0",
  "info": {
    "title": "Contoso Invoices",
    "description": "Contoso Invoices lets you create, read and pay invoices in Contoso's billing service.",
    "version": "1.0",
    "contact": {
      "name": "Contoso Support",
      "url": "https://www.contoso.com/support",
      "email": "support@contoso.com"
    }
  },
  "host": "api.contoso.com",
  "basePath": "/v1",
  "schemes": ["https"],
  "consumes": ["application/json"],
  "produces": ["application/json"],
  "paths": {
    "/invoices/{invoiceId}": {
      "get": {
        "operationId": "GetInvoice",
        "summary": "Get an invoice",
        "description": "Returns one invoice by its identifier.",
        "parameters": [
          {
            "name": "invoiceId",
            "in": "path",
            "required": true,
            "type": "string",
            "x-ms-summary": "Invoice ID",
            "description": "The identifier of the invoice.",
            "x-ms-url-encoding": "single"
          },
          {
            "name": "format",
            "in": "query",
            "required": false,
            "type": "string",
            "x-ms-summary": "Format",
            "description": "How the amounts are written.",
            "enum": ["short", "long"],
            "default": "short",
            "x-ms-enum-values": [
              {"value": "short", "displayName": "Short"},
              {"value": "long", "displayName": "Long"}
            ]
          }
        ],
        "responses": {
          "200": {"description": "The invoice.", "schema": {"$ref": "#/definitions/Invoice"}},
          "default": {"description": "An error."}
        }
      }
    },
    "/invoices": {
      "post": {
        "operationId": "CreateInvoice",
        "summary": "Create an invoice",
        "description": "Creates an invoice and returns it.",
        "parameters": [
          {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/NewInvoice"}}
        ],
        "responses": {
          "201": {"description": "The new invoice.", "schema": {"$ref": "#/definitions/Invoice"}}
        }
      }
    }
  },
  "definitions": {
    "Invoice": {"type": "object", "properties": {"id": {"type": "string"}, "amount": {"type": "number"}, "status": {"type": "string", "enum": ["open", "paid"]}}},
    "NewInvoice": {"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number"}, "note": {"type": "string"}}}
  },
  "securityDefinitions": {"api_key": {"type": "apiKey", "name": "X-Api-Key", "in": "header"}},
  "security": [{"api_key": []}],
  "x-ms-connector-metadata": [
    {"propertyName": "Website", "propertyValue": "https://www.contoso.com"},
    {"propertyName": "Privacy policy", "propertyValue": "https://www.contoso.com/privacy"},
    {"propertyName": "Categories", "propertyValue": "Finance;Productivity"}
  ]
}
"##;

const PROPERTIES: &str = r##"{
  "properties": {
    "connectionParameters": {
      "api_key": {"type": "securestring", "uiDefinition": {"displayName": "API Key", "description": "Your Contoso API key", "tooltip": "Provide your API key", "constraints": {"tabIndex": 2, "clearText": false, "required": "true"}}}
    },
    "iconBrandColor": "#1f6feb",
    "capabilities": [],
    "publisher": "Contoso",
    "stackOwner": "Contoso"
  }
}
"##;

const README: &str = "# Contoso Invoices\n\nCreate, read and pay invoices.\n";

/// An OAuth connection, replacing the API key one.
const OAUTH: &str = r##""api_key": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2", "clientId": "contoso-app", "scopes": [], "redirectMode": "GlobalPerConnector", "redirectUrl": "https://global.consent.azure-apim.net/redirect"}, "uiDefinition": {"displayName": "Login"}}"##;
const API_KEY: &str = r##""api_key": {"type": "securestring", "uiDefinition": {"displayName": "API Key", "description": "Your Contoso API key", "tooltip": "Provide your API key", "constraints": {"tabIndex": 2, "clearText": false, "required": "true"}}}"##;

/// Which file a case changes.
#[derive(Clone, Copy, PartialEq)]
enum F {
    Swagger,
    Props,
    Readme,
}

/// A folder made from the clean one by replacing text in its files.
#[derive(Clone)]
struct Fixture {
    swagger: String,
    props: String,
    readme: Option<String>,
    icon: Option<Vec<u8>>,
    parent: &'static str,
}

impl Fixture {
    fn clean() -> Fixture {
        Fixture {
            swagger: SWAGGER.into(),
            props: PROPERTIES.into(),
            readme: Some(README.into()),
            icon: None,
            parent: "certified-connectors",
        }
    }

    /// Replaces the first `from` (which must be there) with `to` in one file.
    fn edit(mut self, file: F, from: &str, to: &str) -> Fixture {
        let text = match file {
            F::Swagger => &mut self.swagger,
            F::Props => &mut self.props,
            F::Readme => self.readme.get_or_insert_with(String::new),
        };
        assert!(text.contains(from), "the fixture has no {from:?}");
        *text = text.replacen(from, to, 1);
        self
    }

    fn independent(mut self) -> Fixture {
        self.parent = "independent-publisher-connectors";
        self
    }

    /// Writes the folder under a fresh temporary directory (removed when the result is
    /// dropped) and returns its path.
    fn write(&self) -> TempFile {
        let dir = TempFile::under(temp_dir(), &format!("{}/Contoso", self.parent));
        std::fs::create_dir_all(&*dir).unwrap();
        std::fs::write(dir.join("apiDefinition.swagger.json"), &self.swagger).unwrap();
        std::fs::write(dir.join("apiProperties.json"), &self.props).unwrap();
        if let Some(r) = &self.readme {
            std::fs::write(dir.join("readme.md"), r).unwrap();
        }
        if let Some(i) = &self.icon {
            std::fs::write(dir.join("icon.png"), i).unwrap();
        }
        dir
    }

    fn check(&self) -> Report {
        check_folder(&self.write(), &Options::default()).expect("the folder is readable")
    }

    /// Checks this folder as the new version of the clean one.
    fn check_against_clean(&self) -> Report {
        let old = Fixture::clean().write();
        let options = Options {
            publisher: None,
            previous: Some(old.to_path_buf()),
        };
        check_folder(&self.write(), &options).expect("the folders are readable")
    }

    /// The text of a file at a 1-based line and column (in characters).
    fn text_at(&self, file: &str, line: usize, column: usize) -> String {
        let text = match file {
            "apiDefinition.swagger.json" => &self.swagger,
            "apiProperties.json" => &self.props,
            _ => return String::new(),
        };
        let l = text.lines().nth(line - 1).unwrap_or("");
        l.chars().skip(column - 1).collect()
    }
}

/// A PNG of 230 x 230 (or `size`) whose top-left pixel is `rgba`, like real icons.
fn png(rgba: [u8; 4], size: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], body: &[u8]| {
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out.extend_from_slice(&[0; 4]);
    };
    let mut ihdr = size.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    let mut row = vec![0u8];
    for _ in 0..size {
        row.extend_from_slice(&rgba);
    }
    chunk(
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(&row, 6),
    );
    chunk(b"IEND", &[]);
    out
}

/// One rule's failing and passing fixtures: where the failure is found (line, column and
/// the text that starts there, or no place for a finding about a whole file).
struct Case {
    rule: &'static str,
    fails: Fixture,
    at: Option<(usize, usize, &'static str)>,
    passes: Fixture,
    previous: bool,
}

fn case(
    rule: &'static str,
    fails: Fixture,
    at: Option<(usize, usize, &'static str)>,
    passes: Fixture,
) -> Case {
    Case {
        rule,
        fails,
        at,
        passes,
        previous: false,
    }
}

fn s(from: &str, to: &str) -> Fixture {
    Fixture::clean().edit(F::Swagger, from, to)
}

fn p(from: &str, to: &str) -> Fixture {
    Fixture::clean().edit(F::Props, from, to)
}

fn clean() -> Fixture {
    Fixture::clean()
}

fn breaking(rule: &'static str, fails: Fixture, at: (usize, usize, &'static str)) -> Case {
    Case {
        rule,
        fails,
        at: Some(at),
        passes: clean(),
        previous: true,
    }
}

fn pad(bytes: usize) -> Fixture {
    // The edit adds 13 characters around the filler.
    let filler = "x".repeat(bytes - SWAGGER.len() - 13);
    s(
        "\"version\": \"1.0\",",
        &format!("\"version\": \"1.0\", \"x-pad\": \"{filler}\","),
    )
}

fn cases() -> Vec<Case> {
    let oauth = || p(API_KEY, OAUTH);
    let icon = |rgba: [u8; 4], size: u32| {
        let mut f = clean();
        f.icon = Some(png(rgba, size));
        f
    };
    let brand = [0x1f, 0x6f, 0xeb, 0xff];
    let mut no_readme = clean();
    no_readme.readme = None;
    let mut not_png = clean();
    not_png.icon = Some(b"GIF89a".to_vec());
    let mut ip_icon = clean().independent().edit(F::Props, "#1f6feb", "#da3b01");
    ip_icon.icon = Some(png(brand, 230));
    vec![
        // 1: the folder
        case("RequiredFileMissing", no_readme, None, clean()),
        case("IndependentPublisherIcon", ip_icon, None, icon(brand, 230)),
        // 2: JSON
        case(
            "InvalidJson",
            s("\"swagger\": \"2.0\",", "\"swagger\": \"2.0\",,"),
            Some((2, 20, ",")),
            clean(),
        ),
        case(
            "JsonNotStrict",
            s("\"version\": \"1.0\",", "\"version\": \"1.0\""),
            Some((7, 5, "\"contact\"")),
            clean(),
        ),
        case(
            "JsonDuplicateKey",
            s(
                "\"version\": \"1.0\",",
                "\"version\": \"1.0\", \"version\": \"1.1\",",
            ),
            Some((6, 23, "\"version\": \"1.1\"")),
            clean(),
        ),
        // 4: size
        case("SwaggerTooLarge", pad(1_048_600), None, pad(1_048_500)),
        case("SwaggerNearSizeLimit", pad(1_000_100), None, pad(999_900)),
        // 3, 5-15: info and metadata
        case(
            "SpecificationVersionIncorrect",
            s("\"2.0\"", "\"3.0\""),
            Some((2, 14, "\"3.0\"")),
            clean(),
        ),
        case(
            "RequiredPropertyMissing",
            s("\"title\": \"Contoso Invoices\",", ""),
            Some((3, 11, "{")),
            clean(),
        ),
        case(
            "FieldLengthExceeded",
            s("Contoso Invoices\"", "Contoso Invoices and Payments X\""),
            Some((4, 14, "\"Contoso Invoices and")),
            s("Contoso Invoices\"", "Contoso Invoices and Payments \""),
        ),
        case(
            "ValueContainsRestrictedWords",
            s("Contoso Invoices\"", "Contoso Invoices API\""),
            Some((4, 14, "\"Contoso Invoices API")),
            s("Contoso Invoices\"", "Contoso APIs\""),
        ),
        case(
            "ValueContainsRestrictedWords",
            s("pay invoices in", "pay invoices from Power Automate in"),
            Some((5, 20, "\"Contoso Invoices lets")),
            s(
                "pay invoices in",
                "pay invoices with powerful automation in",
            ),
        ),
        case(
            "ValueNamesPowerPlatform",
            s("pay invoices in", "pay invoices from the Power Platform in"),
            Some((5, 20, "\"Contoso Invoices lets")),
            clean(),
        ),
        case(
            "ValueMustEndWithAlphanumeric",
            s("Contoso Invoices\"", "Contoso Invoices.\""),
            Some((4, 14, "\"Contoso Invoices.")),
            s("Contoso Invoices\"", "Contoso Invoices 2\""),
        ),
        case(
            "TitleEndsWithBracket",
            s("Contoso Invoices\"", "Contoso (EU)\""),
            Some((4, 14, "\"Contoso (EU)")),
            clean(),
        ),
        case(
            "RequiredPropertyMissing",
            s(
                "\"description\": \"Contoso Invoices lets you create, read and pay invoices in Contoso's billing service.\",",
                "",
            ),
            Some((3, 11, "{")),
            clean(),
        ),
        case(
            "FieldLengthNotInRange",
            s(
                "Contoso Invoices lets you create, read and pay invoices in Contoso's billing service.",
                "Too short.",
            ),
            Some((5, 20, "\"Too short.")),
            s(
                "Contoso Invoices lets you create, read and pay invoices in Contoso's billing service.",
                "Invoices for Contoso billing..",
            ),
        ),
        case(
            "RequiredPropertyMissing",
            s("\"contact\": {", "\"x-contact\": {"),
            Some((3, 11, "{")),
            clean(),
        ),
        case(
            "ContactPropertyMissing",
            s("\"name\": \"Contoso Support\",", ""),
            Some((7, 16, "{")),
            clean(),
        ),
        case(
            "ContactEmailNotValid",
            s("\"support@contoso.com\"", "\"mailto:support@contoso.com\""),
            Some((10, 16, "\"mailto:")),
            clean(),
        ),
        case(
            "UrlNotValid",
            s(
                "\"https://www.contoso.com/support\"",
                "\"www.contoso.com/support\"",
            ),
            Some((9, 14, "\"www.contoso.com/support\"")),
            clean(),
        ),
        case(
            "RequiredPropertyMissing",
            s(
                "\"x-ms-connector-metadata\"",
                "\"x-ms-connector-metadatas\"",
            ),
            Some((1, 1, "{")),
            clean(),
        ),
        case(
            "ConnectorMetadataPropertiesMissing",
            s("\"Categories\"", "\"Category\""),
            Some((75, 30, "[")),
            clean(),
        ),
        case(
            "ConnectorMetadataPropertyNameCase",
            s("\"Privacy policy\"", "\"Privacy Policy\""),
            Some((77, 22, "\"Privacy Policy\"")),
            clean(),
        ),
        case(
            "TooManyConnectorCategories",
            s("Finance;Productivity", "Finance;Productivity;Data"),
            Some((78, 53, "\"Finance;Productivity;Data\"")),
            s("Finance;Productivity", "Finance"),
        ),
        case(
            "InvalidConnectorCategory",
            s("Finance;Productivity", "Finance;Accounting"),
            Some((78, 53, "\"Finance;Accounting\"")),
            s("Finance;Productivity", "Sales and CRM;IT Operations"),
        ),
        case(
            "ConnectorCategoryCase",
            s("Finance;Productivity", "Finance;productivity"),
            Some((78, 53, "\"Finance;productivity\"")),
            clean(),
        ),
        case(
            "UrlNotValid",
            s(
                "\"https://www.contoso.com/privacy\"",
                "\"contoso.com/privacy\"",
            ),
            Some((77, 57, "\"contoso.com/privacy\"")),
            clean(),
        ),
        case(
            "HostNameNotValid",
            s("\"api.contoso.com\"", "\"https://api.contoso.com\""),
            Some((13, 11, "\"https://api.contoso.com\"")),
            s("\"api.contoso.com\"", "\"api.contoso.com:8443\""),
        ),
        case(
            "NonProductionHost",
            s("\"api.contoso.com\"", "\"api-staging.contoso.com\""),
            Some((13, 11, "\"api-staging")),
            s("\"api.contoso.com\"", "\"api.contoso.dev\""),
        ),
        // 17-24: operations
        case(
            "OperationIdRequired",
            s("\"operationId\": \"GetInvoice\",", ""),
            Some((20, 14, "{")),
            clean(),
        ),
        case(
            "OperationIdNotUnique",
            s("\"CreateInvoice\"", "\"GetInvoice\""),
            Some((57, 24, "\"GetInvoice\"")),
            clean(),
        ),
        case(
            "OperationIdSanitized",
            s("\"GetInvoice\"", "\"Get_Invoice\""),
            Some((21, 24, "\"Get_Invoice\"")),
            clean(),
        ),
        case(
            "OperationIdTooLong",
            s("\"GetInvoice\"", &format!("\"{}\"", "G".repeat(81))),
            Some((21, 24, "\"GGG")),
            s("\"GetInvoice\"", &format!("\"{}\"", "G".repeat(80))),
        ),
        case(
            "RequiredPropertyMissing",
            s("\"summary\": \"Get an invoice\",", ""),
            Some((20, 14, "{")),
            clean(),
        ),
        case(
            "OperationSummaryTooLong",
            s("\"Get an invoice\"", &format!("\"{}\"", "a".repeat(81))),
            Some((22, 20, "\"aaa")),
            s("\"Get an invoice\"", &format!("\"{}\"", "a".repeat(80))),
        ),
        case(
            "RestrictedCharactersInSummary",
            s("\"Get an invoice\"", "\"Get an invoice/bill\""),
            Some((22, 20, "\"Get an invoice/bill\"")),
            clean(),
        ),
        case(
            "SummaryEndsWithPunctuation",
            s("\"Get an invoice\"", "\"Get an invoice.\""),
            Some((22, 20, "\"Get an invoice.\"")),
            s("\"Get an invoice\"", "\"Get an invoice (V2)\""),
        ),
        case(
            "SummaryCharactersNotRecommended",
            s("\"Get an invoice\"", "\"Get an invoice, fast\""),
            Some((22, 20, "\"Get an invoice, fast\"")),
            clean(),
        ),
        case(
            "RequiredPropertyMissing",
            s(
                "\"description\": \"Returns one invoice by its identifier.\",",
                "",
            ),
            Some((20, 14, "{")),
            clean(),
        ),
        case(
            "DescriptionMissingFinalPunctuation",
            s("by its identifier.\"", "by its identifier\""),
            Some((23, 24, "\"Returns one")),
            clean(),
        ),
        case(
            "SummaryEqualsDescription",
            s(
                "\"Returns one invoice by its identifier.\"",
                "\"Get an invoice.\"",
            ),
            Some((23, 24, "\"Get an invoice.\"")),
            clean(),
        ),
        case(
            "RequiredPropertyMissing",
            s("\"x-ms-summary\": \"Format\",", ""),
            Some((34, 11, "{")),
            clean(),
        ),
        case(
            "RequiredPropertyMissing",
            s("\"description\": \"How the amounts are written.\",", ""),
            Some((34, 11, "{")),
            clean(),
        ),
        case(
            "FieldLengthExceeded",
            s(
                "\"x-ms-summary\": \"Format\"",
                &format!("\"x-ms-summary\": \"{}\"", "F".repeat(81)),
            ),
            Some((39, 29, "\"FFF")),
            s(
                "\"x-ms-summary\": \"Format\"",
                &format!("\"x-ms-summary\": \"{}\"", "F".repeat(80)),
            ),
        ),
        // 22: parameters
        case(
            "ConnectionIdParameterNotAllowed",
            s("\"name\": \"format\"", "\"name\": \"connectionId\""),
            Some((35, 21, "\"connectionId\"")),
            s("\"name\": \"format\"", "\"name\": \"connection\""),
        ),
        case(
            "OperationParametersContainDuplicateParameter",
            s(
                "\"parameters\": [\n          {\n            \"name\": \"invoiceId\"",
                "\"parameters\": [\n          {\"name\": \"format\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Format\", \"description\": \"Again.\"},\n          {\n            \"name\": \"invoiceId\"",
            ),
            Some((35, 11, "{")),
            clean(),
        ),
        case(
            "OperationParametersContainMultipleBodyParameters",
            s(
                "{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"schema\": {\"$ref\": \"#/definitions/NewInvoice\"}}",
                "{\"name\": \"body\", \"in\": \"body\", \"schema\": {\"$ref\": \"#/definitions/NewInvoice\"}}, {\"name\": \"other\", \"in\": \"body\", \"schema\": {\"type\": \"string\"}}",
            ),
            Some((61, 91, "{\"name\": \"other\"")),
            clean(),
        ),
        case(
            "ParameterListContainsFormDataAndBody",
            s(
                "\"schema\": {\"$ref\": \"#/definitions/NewInvoice\"}}",
                "\"schema\": {\"$ref\": \"#/definitions/NewInvoice\"}}, {\"name\": \"file\", \"in\": \"formData\", \"type\": \"string\", \"x-ms-summary\": \"File\", \"description\": \"A file.\"}",
            ),
            Some((61, 109, "{\"name\": \"file\"")),
            clean(),
        ),
        case(
            "BodyOrFormDataParameterInFetchOperationNotAllowed",
            s(
                "\"parameters\": [\n          {\n            \"name\": \"invoiceId\"",
                "\"parameters\": [\n          {\"name\": \"body\", \"in\": \"body\", \"schema\": {\"type\": \"string\"}},\n          {\n            \"name\": \"invoiceId\"",
            ),
            Some((25, 11, "{\"name\": \"body\"")),
            clean(),
        ),
        // 23: paths
        case(
            "OperationMissingPathParameter",
            s(
                "\"/invoices/{invoiceId}\"",
                "\"/invoices/{invoiceId}/{line}\"",
            ),
            Some((20, 14, "{")),
            clean(),
        ),
        case(
            "PathParameterNotDefinedInTemplate",
            s("\"/invoices/{invoiceId}\"", "\"/invoices/{id}\""),
            Some((25, 11, "{")),
            clean(),
        ),
        case(
            "PathParameterMustBeRequired",
            s(
                "\"in\": \"path\",\n            \"required\": true",
                "\"in\": \"path\",\n            \"required\": false",
            ),
            Some((25, 11, "{")),
            clean(),
        ),
        case(
            "OperationPathTemplateNotValid",
            s("\"/invoices/{invoiceId}\"", "\"/invoices/{invoiceId}}\""),
            Some((19, 5, "\"/invoices/{invoiceId}}\"")),
            clean(),
        ),
        case(
            "OperationPathMayNotContainQueryOrFragment",
            s("\"/invoices\": {", "\"/invoices?all\": {"),
            Some((55, 5, "\"/invoices?all\"")),
            clean(),
        ),
        case(
            "OperationPathContainsUnsupportedCharacters",
            s("\"/invoices\": {", "\"/invoices*\": {"),
            Some((55, 5, "\"/invoices*\"")),
            clean(),
        ),
        case(
            "OperationPathMustStartWithSlash",
            s("\"/invoices\": {", "\"invoices\": {"),
            Some((55, 5, "\"invoices\"")),
            clean(),
        ),
        case(
            "PathRedefined",
            s("\"/invoices\": {", "\"/Invoices/{invoiceId}\": {"),
            Some((55, 5, "\"/Invoices/{invoiceId}\"")),
            clean(),
        ),
        case(
            "PathParameterMissingEncoding",
            s(",\n            \"x-ms-url-encoding\": \"single\"", ""),
            Some((25, 11, "{")),
            clean(),
        ),
        // 24: responses
        case(
            "OperationMustHaveResponse",
            s(
                "\"responses\": {\n          \"201\": {\"description\": \"The new invoice.\", \"schema\": {\"$ref\": \"#/definitions/Invoice\"}}\n        }",
                "\"responses\": {}",
            ),
            Some((63, 22, "{}")),
            clean(),
        ),
        case(
            "OperationShouldHaveSuccessfulResponse",
            s("\"201\"", "\"400\""),
            Some((63, 22, "{")),
            clean(),
        ),
        case(
            "DefaultResponseHasSchema",
            s(
                "\"default\": {\"description\": \"An error.\"}",
                "\"default\": {\"description\": \"An error.\", \"schema\": {\"type\": \"object\"}}",
            ),
            Some((51, 61, "{\"type\": \"object\"}")),
            clean(),
        ),
        case(
            "SchemaDefinitionSetIncorrectly",
            s(
                "\"201\": {\"description\": \"The new invoice.\", \"schema\": {\"$ref\": \"#/definitions/Invoice\"}}",
                "\"201\": {\"description\": \"The new invoice.\"}",
            ),
            Some((64, 18, "{\"description\": \"The new")),
            clean(),
        ),
        case(
            "OperationHasManyResponsesWithSchema",
            s(
                "\"default\": {\"description\": \"An error.\"}",
                "\"default\": {\"description\": \"An error.\", \"schema\": {\"type\": \"object\"}}",
            ),
            Some((51, 22, "{\"description\": \"An error.\"")),
            clean(),
        ),
        // 25: references
        case(
            "SchemaReferenceNotFound",
            s("\"#/definitions/NewInvoice\"", "\"#/definitions/Nope\""),
            Some((61, 79, "\"#/definitions/Nope\"")),
            clean(),
        ),
        case(
            "SchemaReferenceNotValid",
            s(
                "\"#/definitions/NewInvoice\"",
                "\"other.json#/definitions/NewInvoice\"",
            ),
            Some((61, 79, "\"other.json")),
            clean(),
        ),
        case(
            "ParameterReferenceNotFound",
            s(
                "\"schema\": {\"$ref\": \"#/definitions/NewInvoice\"}}",
                "\"schema\": {\"$ref\": \"#/definitions/NewInvoice\"}}, {\"$ref\": \"#/parameters/Missing\"}",
            ),
            Some((61, 118, "\"#/parameters/Missing\"")),
            clean(),
        ),
        case(
            "ParameterReferenceNotValid",
            s(
                "\"schema\": {\"$ref\": \"#/definitions/NewInvoice\"}}",
                "\"schema\": {\"$ref\": \"#/definitions/NewInvoice\"}}, {\"$ref\": \"#/definitions/Invoice\"}",
            ),
            Some((61, 118, "\"#/definitions/Invoice\"")),
            clean(),
        ),
        case(
            "ResponseReferenceNotFound",
            s(
                "\"201\": {\"description\": \"The new invoice.\", \"schema\": {\"$ref\": \"#/definitions/Invoice\"}}",
                "\"201\": {\"$ref\": \"#/responses/Missing\"}",
            ),
            Some((64, 27, "\"#/responses/Missing\"")),
            clean(),
        ),
        case(
            "ResponseReferenceNotValid",
            s(
                "\"201\": {\"description\": \"The new invoice.\", \"schema\": {\"$ref\": \"#/definitions/Invoice\"}}",
                "\"201\": {\"$ref\": \"#/definitions/Invoice\"}",
            ),
            Some((64, 27, "\"#/definitions/Invoice\"")),
            clean(),
        ),
        case(
            "PathItemRefNotSuppored",
            s(
                "\"/invoices\": {",
                "\"/other\": {\"$ref\": \"#/paths/~1invoices\"},\n    \"/invoices\": {",
            ),
            Some((55, 24, "\"#/paths/~1invoices\"")),
            clean(),
        ),
        case(
            "AdditionalPropertyNotAllowedAdjacentToRef",
            s(
                "{\"$ref\": \"#/definitions/NewInvoice\"}",
                "{\"$ref\": \"#/definitions/NewInvoice\", \"description\": \"The invoice.\"}",
            ),
            Some((61, 70, "{\"$ref\"")),
            clean(),
        ),
        case(
            "SchemaRefLoopNotAllowed",
            s(
                "\"Invoice\": {\"type\"",
                "\"Alias\": {\"$ref\": \"#/definitions/Invoice\"},\n    \"Invoice\": {\"type\"",
            ),
            Some((70, 14, "{\"$ref\"")),
            clean(),
        ),
        // 26: security
        case(
            "SecurityRequirementMustBeDefined",
            s("[{\"api_key\": []}]", "[{\"apikey\": []}]"),
            Some((74, 27, "[]")),
            clean(),
        ),
        case(
            "SecurityRequirementMustHaveValue",
            s("[{\"api_key\": []}]", "[{\"api_key\": {}}]"),
            Some((74, 28, "{}")),
            clean(),
        ),
        case(
            "SecurityRequirementMustHaveEmptyValue",
            s("[{\"api_key\": []}]", "[{\"api_key\": [\"read\"]}]"),
            Some((74, 28, "[\"read\"]")),
            clean(),
        ),
        case(
            "OAuthSecurityRequirementValueMustBeScopeName",
            s(
                "{\"api_key\": {\"type\": \"apiKey\", \"name\": \"X-Api-Key\", \"in\": \"header\"}},\n  \"security\": [{\"api_key\": []}]",
                "{\"oauth\": {\"type\": \"oauth2\", \"flow\": \"accessCode\", \"authorizationUrl\": \"https://login.contoso.com/a\", \"tokenUrl\": \"https://login.contoso.com/t\", \"scopes\": {\"read\": \"Read\"}}},\n  \"security\": [{\"oauth\": [\"read\", \"write\"]}]",
            ),
            Some((74, 35, "\"write\"")),
            s(
                "{\"api_key\": {\"type\": \"apiKey\", \"name\": \"X-Api-Key\", \"in\": \"header\"}},\n  \"security\": [{\"api_key\": []}]",
                "{\"oauth\": {\"type\": \"oauth2\", \"flow\": \"accessCode\", \"authorizationUrl\": \"https://login.contoso.com/a\", \"tokenUrl\": \"https://login.contoso.com/t\", \"scopes\": {\"read\": \"Read\"}}},\n  \"security\": [{\"oauth\": [\"read\"]}]",
            ),
        ),
        // 27: enums and defaults
        case(
            "MissingEnumValuesDisplayName",
            s(
                "{\"value\": \"long\", \"displayName\": \"Long\"}",
                "{\"value\": \"long\"}",
            ),
            Some((45, 15, "{\"value\": \"long\"}")),
            clean(),
        ),
        case(
            "DuplicateEnumValuesInExtension",
            s(
                "{\"value\": \"long\", \"displayName\": \"Long\"}",
                "{\"value\": \"short\", \"displayName\": \"Long\"}",
            ),
            Some((45, 25, "\"short\"")),
            clean(),
        ),
        case(
            "InvalidEnumValuesExtensionValue",
            s(
                "{\"value\": \"long\", \"displayName\": \"Long\"}",
                "{\"value\": \"wide\", \"displayName\": \"Long\"}",
            ),
            Some((45, 25, "\"wide\"")),
            clean(),
        ),
        case(
            "InvalidEnumValue",
            s("[\"open\", \"paid\"]", "[\"open\", 2]"),
            Some((70, 152, "2]")),
            clean(),
        ),
        case(
            "DefaultValueMustMatchType",
            s("\"default\": \"short\"", "\"default\": 1"),
            Some((42, 24, "1,")),
            clean(),
        ),
        // 29-31: apiProperties
        case(
            "IconBrandColorMissing",
            p("\"iconBrandColor\": \"#1f6feb\",", ""),
            Some((2, 17, "{")),
            clean(),
        ),
        case(
            "IconBrandColorNotValid",
            p("\"#1f6feb\"", "\"blue\""),
            Some((6, 23, "\"blue\"")),
            clean(),
        ),
        case(
            "IndependentPublisherBrandColor",
            clean().independent(),
            Some((6, 23, "\"#1f6feb\"")),
            clean().independent().edit(F::Props, "#1f6feb", "#da3b01"),
        ),
        case(
            "IconBrandColorNotAllowed",
            p("\"#1f6feb\"", "\"#FFFFFF\""),
            Some((6, 23, "\"#FFFFFF\"")),
            p("\"#1f6feb\"", "\"#fefefe\""),
        ),
        case(
            "PublisherMissing",
            p("\"publisher\": \"Contoso\",", ""),
            Some((2, 17, "{")),
            clean(),
        ),
        case(
            "StackOwnerMissing",
            p(",\n    \"stackOwner\": \"Contoso\"", ""),
            Some((2, 17, "{")),
            clean(),
        ),
        case(
            "OAuthRedirectUrlNotGlobal",
            oauth().edit(F::Props, "\"GlobalPerConnector\"", "\"Direct\""),
            Some((4, 148, "\"Direct\"")),
            oauth(),
        ),
        case(
            "ClientSecretCommitted",
            oauth().edit(
                F::Props,
                "\"scopes\": []",
                "\"clientSecret\": \"q8Z~f3kL2pV9xR7tB1mN4cW6\", \"scopes\": []",
            ),
            Some((4, 134, "\"q8Z~")),
            oauth().edit(
                F::Props,
                "\"scopes\": []",
                "\"clientSecret\": \"[[DUMMY]]\", \"scopes\": []",
            ),
        ),
        case(
            "ReadmeLacksOAuthSetup",
            oauth().independent().edit(F::Props, "#1f6feb", "#da3b01"),
            None,
            oauth()
                .independent()
                .edit(F::Props, "#1f6feb", "#da3b01")
                .edit(
                    F::Readme,
                    "Create, read",
                    "Register an app to get a client ID. Create, read",
                ),
        ),
        // 33: the icon
        case("IconNotPng", not_png, None, icon(brand, 230)),
        case(
            "IconSizeNotRecommended",
            icon(brand, 100),
            None,
            icon(brand, 230),
        ),
        case(
            "IconBackgroundNotValid",
            icon([255, 255, 255, 255], 230),
            None,
            icon(brand, 230),
        ),
        case(
            "IconBackgroundNotValid",
            icon([0x1f, 0x6f, 0xeb, 0], 230),
            None,
            icon(brand, 230),
        ),
        case(
            "IconBackgroundNotBrandColor",
            icon([0x12, 0x34, 0x56, 255], 230),
            None,
            icon([0x22, 0x70, 0xe8, 255], 230),
        ),
        // 36: breaking changes against the clean folder
        breaking(
            "OperationDeleted",
            s("\"CreateInvoice\"", "\"MakeInvoice\""),
            (18, 12, "{"),
        ),
        breaking(
            "PathTemplateChanged",
            s("\"/invoices\": {", "\"/bills\": {"),
            (55, 5, "\"/bills\""),
        ),
        breaking(
            "ParameterLocationChanged",
            s(
                "\"name\": \"format\",\n            \"in\": \"query\"",
                "\"name\": \"format\",\n            \"in\": \"header\"",
            ),
            (34, 11, "{"),
        ),
        breaking(
            "RequiredInputAdded",
            s(
                "\"in\": \"query\",\n            \"required\": false",
                "\"in\": \"query\",\n            \"required\": true",
            ),
            (34, 11, "{"),
        ),
        breaking(
            "RequiredInputAdded",
            s(
                "\"required\": [\"amount\"]",
                "\"required\": [\"amount\", \"note\"]",
            ),
            (71, 123, "{\"type\": \"string\"}"),
        ),
        breaking(
            "InputTypeChanged",
            s(
                "\"required\": true,\n            \"type\": \"string\"",
                "\"required\": true,\n            \"type\": \"integer\"",
            ),
            (25, 11, "{"),
        ),
        breaking(
            "OutputTypeChanged",
            s(
                "\"amount\": {\"type\": \"number\"}, \"status\"",
                "\"amount\": {\"type\": \"string\"}, \"status\"",
            ),
            (70, 86, "{\"type\": \"string\"}"),
        ),
        breaking(
            "OutputFieldDeleted",
            s(
                ", \"status\": {\"type\": \"string\", \"enum\": [\"open\", \"paid\"]}",
                "",
            ),
            (50, 60, "{\"$ref\""),
        ),
        breaking(
            "EnumValueRemoved",
            s("\"enum\": [\"short\", \"long\"]", "\"enum\": [\"short\"]"),
            (41, 21, "[\"short\"]"),
        ),
        breaking(
            "EnumListAdded",
            s(
                "\"note\": {\"type\": \"string\"}",
                "\"note\": {\"type\": \"string\", \"enum\": [\"a\"]}",
            ),
            (71, 115, "{\"type\": \"string\", \"enum\""),
        ),
        breaking(
            "AuthenticationTypeChanged",
            s(
                "{\"type\": \"apiKey\", \"name\": \"X-Api-Key\", \"in\": \"header\"}",
                "{\"type\": \"basic\"}",
            ),
            (73, 26, "{\"api_key\""),
        ),
    ]
}

#[test]
fn the_clean_connector_has_no_finding() {
    let report = Fixture::clean().check();
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    let report = Fixture::clean().check_against_clean();
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

#[test]
fn every_rule_fails_its_fixture_at_the_right_place_and_passes_the_other() {
    let mut problems = Vec::new();
    for (i, c) in cases().iter().enumerate() {
        let run = |f: &Fixture| match c.previous {
            true => f.check_against_clean(),
            false => f.check(),
        };
        let report = run(&c.fails);
        let found: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule.id == c.rule)
            .collect();
        let place = |f: &&golive::check::Finding| (f.line, f.column);
        match c.at {
            Some((line, column, text)) => {
                if !found.iter().any(|f| place(f) == (Some(line), Some(column))) {
                    problems.push(format!(
                        "case {i} {}: expected at {line}:{column}, found at {:?}",
                        c.rule,
                        found.iter().map(place).collect::<Vec<_>>()
                    ));
                }
                let file = found
                    .first()
                    .map(|f| f.file.rsplit('/').next().unwrap_or("").to_string())
                    .unwrap_or_default();
                let there = c.fails.text_at(&file, line, column);
                if !there.starts_with(text) {
                    problems.push(format!(
                        "case {i} {}: at {line}:{column} is {there:?}, not {text:?}",
                        c.rule
                    ));
                }
            }
            None => {
                if !found.iter().any(|f| f.line.is_none()) {
                    problems.push(format!(
                        "case {i} {}: expected a finding about a whole file, found {:?}",
                        c.rule,
                        found.iter().map(place).collect::<Vec<_>>()
                    ));
                }
            }
        }
        let passing = run(&c.passes);
        if passing.findings.iter().any(|f| f.rule.id == c.rule) {
            problems.push(format!(
                "case {i} {}: the passing fixture fails: {:?}",
                c.rule,
                passing
                    .findings
                    .iter()
                    .map(|f| &f.message)
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_has_a_case() {
    let covered: std::collections::HashSet<&str> = cases().iter().map(|c| c.rule).collect();
    let real_only = ["InvalidJson"];
    for r in golive::check::rules() {
        assert!(
            covered.contains(r.id) || real_only.contains(&r.id),
            "no case for {}",
            r.id
        );
    }
}

/// The vendored sample of real folders.
fn real(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/connectors")
        .join(path)
}

fn real_report(path: &str) -> Report {
    check_folder(&real(path), &Options::default()).expect("a vendored folder")
}

/// The findings of one rule as (line, column).
fn places(report: &Report, rule: &str) -> Vec<(Option<usize>, Option<usize>)> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.id == rule)
        .map(|f| (f.line, f.column))
        .collect()
}

#[test]
fn real_connectors_that_pass() {
    for name in [
        "independent-publisher-connectors/Affirmations",
        "independent-publisher-connectors/Michael Scott Quotes",
        "independent-publisher-connectors/1pt",
        "certified-connectors/Nextset WorkFlow",
        "independent-publisher-connectors/HTTP Garden",
        "independent-publisher-connectors/Dad Jokes",
        "independent-publisher-connectors/Loripsum",
        "independent-publisher-connectors/Clearbit",
    ] {
        let r = real_report(name);
        assert_eq!(r.errors(), 0, "{name}: {:#?}", r.findings);
    }
}

#[test]
fn real_connectors_fail_where_their_mistakes_are() {
    // (folder, rule, line, column), each checked by eye to be where the offending value
    // starts; the JSON mistakes' positions agree with those Python's json module reports.
    let expected: &[(&str, &str, Option<usize>, Option<usize>)] = &[
        (
            "independent-publisher-connectors/Hashtag API",
            "ValueContainsRestrictedWords",
            Some(4),
            Some(14),
        ),
        (
            "independent-publisher-connectors/Monster API",
            "ValueContainsRestrictedWords",
            Some(4),
            Some(14),
        ),
        (
            "certified-connectors/CloudAppSecurity",
            "ValueContainsRestrictedWords",
            Some(4),
            Some(14),
        ),
        (
            "certified-connectors/CloudAppSecurity",
            "RequiredFileMissing",
            None,
            None,
        ),
        (
            "certified-connectors/CardsForPowerApps",
            "ValueContainsRestrictedWords",
            Some(4),
            Some(14),
        ),
        (
            "independent-publisher-connectors/XSOAR",
            "JsonNotStrict",
            Some(10),
            Some(7),
        ),
        (
            "independent-publisher-connectors/StabilityAI",
            "JsonNotStrict",
            Some(16),
            Some(3),
        ),
        (
            "certified-connectors/DocuMotor",
            "JsonNotStrict",
            Some(47),
            Some(30),
        ),
        (
            "certified-connectors/ZohoSign",
            "JsonNotStrict",
            Some(14),
            Some(1),
        ),
        (
            "independent-publisher-connectors/Brønnøysundregistrene",
            "JsonNotStrict",
            Some(4),
            Some(21),
        ),
        (
            "independent-publisher-connectors/Icon Horse",
            "InvalidJson",
            Some(56),
            Some(11),
        ),
        (
            "certified-connectors/Asite (Canada)",
            "TitleEndsWithBracket",
            Some(4),
            Some(14),
        ),
        (
            "independent-publisher-connectors/OpenWeather",
            "FieldLengthNotInRange",
            Some(5),
            Some(20),
        ),
        (
            "independent-publisher-connectors/OpenWeather",
            "RequiredFileMissing",
            None,
            None,
        ),
        (
            "certified-connectors/Kanbanize",
            "IconBackgroundNotValid",
            None,
            None,
        ),
        (
            "certified-connectors/Taktikal Core",
            "IconSizeNotRecommended",
            None,
            None,
        ),
        (
            "certified-connectors/JotForm Enterprise",
            "HostNameNotValid",
            Some(144),
            Some(11),
        ),
        (
            "certified-connectors/Document Merge",
            "OAuthRedirectUrlNotGlobal",
            Some(11),
            Some(26),
        ),
        (
            "certified-connectors/OutlookTasks",
            "OAuthRedirectUrlNotGlobal",
            Some(17),
            Some(27),
        ),
        (
            "certified-connectors/Babybots",
            "NonProductionHost",
            Some(13),
            Some(11),
        ),
        (
            "certified-connectors/Calculate Working Day",
            "SecurityRequirementMustBeDefined",
            Some(650),
            Some(18),
        ),
        (
            "certified-connectors/MicrosoftGraphSecurity",
            "RequiredFileMissing",
            None,
            None,
        ),
        (
            "independent-publisher-connectors/Hashify",
            "JsonDuplicateKey",
            Some(37),
            Some(13),
        ),
        (
            "independent-publisher-connectors/Airtable",
            "SummaryEndsWithPunctuation",
            Some(133),
            Some(20),
        ),
        (
            "certified-connectors/Stormboard",
            "FieldLengthNotInRange",
            Some(6),
            Some(20),
        ),
    ];
    for (folder, rule, line, column) in expected {
        let r = real_report(folder);
        let at = places(&r, rule);
        match line {
            Some(_) => assert!(at.contains(&(*line, *column)), "{folder} {rule}: {at:?}"),
            None => assert!(!at.is_empty(), "{folder} {rule}: none"),
        }
    }
    // LINKMobility's icon is as Microsoft asks; the folder lacks only its readme.
    let r = real_report("certified-connectors/LINKMobility");
    assert!(
        r.findings.iter().all(|f| !f.rule.id.starts_with("Icon")),
        "{:#?}",
        r.findings
    );
    assert_eq!(places(&r, "RequiredFileMissing"), [(None, None)]);
    // The content rules still ran on the files read past their mistakes.
    let r = real_report("independent-publisher-connectors/StabilityAI");
    assert_eq!(r.errors(), 1, "{:#?}", r.findings);
    // The wrongly cased swagger is still checked.
    let r = real_report("certified-connectors/MicrosoftGraphSecurity");
    assert!(r.findings.iter().any(|f| f.rule.id == "PublisherMissing"));
    assert_eq!(r.publisher, Publisher::Verified);
    assert_eq!(
        real_report("independent-publisher-connectors/1pt").publisher,
        Publisher::Independent
    );
}

#[test]
fn the_cli_exit_codes() {
    let clean = Fixture::clean().write();
    let run = golive(&["check", clean.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("no findings"), "{}", run.stdout);
    let warned = s("\"Contoso Invoices\"", "\"Contoso (EU)\"").write();
    let run = golive(&["check", warned.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("TitleEndsWithBracket"),
        "{}",
        run.stdout
    );
    let failed = s("\"Contoso Invoices\"", "\"Contoso API\"").write();
    let run = golive(&["check", clean.to_str().unwrap(), failed.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("4:14"), "{}", run.stdout);
    // Not a folder, a missing folder: bad input, naming the path.
    let file = clean.join("readme.md");
    golive(&["check", file.to_str().unwrap()]).fails(2, &["readme.md", "not a folder"]);
    golive(&["check", "/nonexistent/connector"]).fails(2, &["/nonexistent/connector"]);
    golive(&["check"]).fails(2, &["DIR"]);
    golive(&["check", clean.to_str().unwrap(), "--publisher", "nobody"]).fails(2, &["nobody"]);
    // A folder without its files is a finding, not bad input.
    let empty = TempFile::under(temp_dir(), "empty");
    std::fs::create_dir_all(&*empty).unwrap();
    let run = golive(&["check", empty.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["errors"], 3);
}

#[test]
fn a_file_over_64_mb_is_refused() {
    let dir = Fixture::clean().write();
    let f = std::fs::File::create(dir.join("apiDefinition.swagger.json")).unwrap();
    f.set_len((64 << 20) + 1).unwrap();
    golive(&["check", dir.to_str().unwrap()]).fails(2, &["apiDefinition.swagger.json", "64 MB"]);
}

#[test]
fn json_output_has_every_key() {
    let dir = s("\"Contoso Invoices\"", "\"Contoso API\"").write();
    let run = golive(&[
        "check",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--publisher",
        "independent",
    ]);
    assert_eq!(run.code, 1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["publisher"], "independent");
    assert!(v["connector"].as_str().unwrap().ends_with("Contoso"));
    assert!(v["warnings"].is_u64());
    let findings = v["findings"].as_array().unwrap();
    for f in findings {
        for key in [
            "rule", "severity", "file", "line", "column", "pointer", "message", "source", "fix",
            "value",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
    let title = findings
        .iter()
        .find(|f| f["rule"] == "ValueContainsRestrictedWords")
        .unwrap();
    assert_eq!(title["pointer"], "/info/title");
    assert_eq!(
        (title["line"].as_u64(), title["column"].as_u64()),
        (Some(4), Some(14))
    );
    assert_eq!(title["value"], "Contoso API");
    // A finding about a whole file has null places, not missing keys.
    let brand = findings
        .iter()
        .find(|f| f["rule"] == "IndependentPublisherBrandColor")
        .unwrap();
    assert_eq!(brand["pointer"], "/properties/iconBrandColor");
    let mut no_readme = Fixture::clean();
    no_readme.readme = None;
    let mut out = Vec::new();
    render_json(&[no_readme.check()], &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v["findings"][0]["line"].is_null());
}

#[test]
fn out_writes_the_report_and_refuses_the_checked_folder() {
    let dir = Fixture::clean().write();
    let out = dir.with_file_name("report.sarif");
    let run = golive(&[
        "check",
        dir.to_str().unwrap(),
        "--format",
        "sarif",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(&out).unwrap().contains("\"2.1.0\""));
    let input = dir.join("apiDefinition.swagger.json");
    golive(&[
        "check",
        dir.to_str().unwrap(),
        "--out",
        input.to_str().unwrap(),
    ])
    .fails(2, &["--out"]);
    golive(&[
        "check",
        dir.to_str().unwrap(),
        dir.to_str().unwrap(),
        "--previous",
        dir.to_str().unwrap(),
    ])
    .fails(2, &["--previous"]);
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif/sarif-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let mut reports: Vec<Report> = [
        "certified-connectors/CloudAppSecurity",
        "independent-publisher-connectors/Icon Horse",
        "certified-connectors/Kanbanize",
        "certified-connectors/Asite (Canada)",
    ]
    .iter()
    .map(|f| real_report(f))
    .collect();
    reports.push(Fixture::clean().check());
    let mut out = Vec::new();
    render_sarif(&reports, &mut out).unwrap();
    let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 10);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(!uri.contains(' '), "{uri}");
    }
    // An empty log validates too.
    let mut out = Vec::new();
    render_sarif(&[], &mut out).unwrap();
    let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(validator.is_valid(&log));
}

#[test]
fn hostile_files_end_quickly_with_findings() {
    let started = std::time::Instant::now();
    let deep = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
    let long = format!(
        "{{\"swagger\": \"2.0\", \"info\": {{\"title\": \"{}\"}}}}",
        "é".repeat(3_000_000)
    );
    let refs = r##"{"swagger": "2.0", "definitions": {"A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"},
        "C": {"type": "object", "properties": {"c": {"$ref": "#/definitions/C"}}}},
        "paths": {"/x": {"post": {"operationId": "X", "parameters": [{"$ref": "#/parameters/P"}, {"name": "b", "in": "body", "schema": {"$ref": "#/definitions/A"}}],
        "responses": {"200": {"$ref": "#/responses/R"}}}}},
        "parameters": {"P": {"$ref": "#/parameters/P"}}, "responses": {"R": {"$ref": "#/responses/R"}}}"##;
    for (text, rule) in [
        (deep.as_str(), "InvalidJson"),
        (long.as_str(), "FieldLengthExceeded"),
        (refs, "SchemaRefLoopNotAllowed"),
    ] {
        let mut f = Fixture::clean();
        f.swagger = text.to_string();
        let report = f.check();
        assert!(
            report.findings.iter().any(|x| x.rule.id == rule),
            "{rule}: {:?}",
            report
                .findings
                .iter()
                .map(|x| x.rule.id)
                .collect::<Vec<_>>()
        );
        // Against itself as the previous version, the recursive schema is walked once.
        let dir = f.write();
        let options = Options {
            publisher: None,
            previous: Some(dir.to_path_buf()),
        };
        check_folder(&dir, &options).unwrap();
        for x in &report.findings {
            assert!(x.message.chars().count() < 400, "{}", x.message);
        }
    }
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}
