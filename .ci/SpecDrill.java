import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The spec-evolution drill's bundle edit (run by .ci/drill): adds to openapi/orgs.yaml, by text,
 * one optional property of each JSON kind (string, integer, boolean, array, nullable object), an
 * inline enum, an enum schema of its own and a date-time to the organisation and to the create and
 * update request schemas, one property to each query object, a scalar query parameter on
 * list_org_users and on get_org_permissions (whose façade method takes no params) and a new GET
 * operation. No test names these properties: the tests are general.
 */
public class SpecDrill {
    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        String yaml = Files.readString(bundle);
        String props = """
                drill_text:
                  type: string
                drill_count:
                  type: integer
                  format: int64
                drill_flag:
                  type: boolean
                drill_tags:
                  type: array
                  items:
                    type: string
                drill_settings:
                  type: object
                  nullable: true
                  properties:
                    mode:
                      type: string
                drill_kind:
                  type: string
                  enum: [alpha, beta]
                drill_level:
                  $ref: '#/components/schemas/DrillLevel'
                drill_seen_at:
                  type: string
                  format: date-time
                """;
        yaml = after(yaml, "    Organization:\n", "          properties:\n", indent(props, 12));
        yaml = after(yaml, "    CreateOrganizationRequest:\n", "      properties:\n", indent(props, 8));
        yaml = after(yaml, "    UpdateOrganizationRequest:\n", "      properties:\n", indent(props, 8));
        yaml = after(yaml, "    MultiResourceOutputOptionsQuery:\n", "      properties:\n", indent("drill_archived:\n  type: boolean\n", 8));
        yaml = after(yaml, "    PaginationQuery:\n", "      properties:\n", indent("drill_cursor:\n  type: string\n", 8));
        yaml = after(yaml, "      operationId: list_org_users\n", "      parameters:\n",
                indent("- name: drill_active\n  in: query\n  required: false\n  schema:\n    type: boolean\n", 8));
        yaml = after(yaml, "      operationId: get_org_permissions\n", "      responses:\n", "", "      parameters:\n"
                + indent("- name: drill_explain\n  in: query\n  required: false\n  schema:\n    type: boolean\n", 8));
        yaml = yaml.replace("    ApiErrorResponse:\n", indent("DrillLevel:\n  type: string\n  enum: [low, high]\n", 4) + "    ApiErrorResponse:\n");
        String operation = """
                /orgs/{id}/drill-stats:
                  parameters:
                    - $ref: '#/components/parameters/OrgId'
                  get:
                    tags: [Orgs]
                    operationId: get_org_drill_stats
                    summary: A new read-only operation of the drill.
                    responses:
                      '200':
                        description: The caller's permission keys, as a stand-in body.
                        headers:
                          X-Request-Id:
                            $ref: '#/components/headers/XRequestId'
                        content:
                          application/json:
                            schema:
                              $ref: '#/components/schemas/OrgPermissionsResponse'
                      '404':
                        $ref: '#/components/responses/NotFound'
                """;
        yaml = yaml.replace("\ncomponents:\n", "\n" + indent(operation, 2) + "components:\n");
        Files.writeString(bundle, yaml);
    }

    private static String indent(String text, int spaces) {
        return text.indent(spaces);
    }

    private static String after(String yaml, String header, String anchor, String insert) {
        return after(yaml, header, anchor, insert, "");
    }

    /** Inserts {@code insert} after the anchor that follows the header, and {@code before} before it. */
    private static String after(String yaml, String header, String anchor, String insert, String before) {
        int at = yaml.indexOf(header);
        int line = at < 0 ? -1 : yaml.indexOf(anchor, at);
        if (line < 0) {
            throw new IllegalStateException("anchor " + header.strip() + " / " + anchor.strip() + " not found");
        }
        int end = line + anchor.length();
        return yaml.substring(0, line) + before + anchor + insert + yaml.substring(end);
    }
}
