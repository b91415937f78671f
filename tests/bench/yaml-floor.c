/* yaml-floor.c - benchmark yardstick: how long libyaml alone takes to read
 * files, event by event, building nothing. kehoach validate cannot be
 * faster than this; the benchmark reports how far above it it is.
 *
 * usage: yaml-floor FILE...   prints the number of events */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv)
{
    unsigned long events = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        yaml_parser_t parser;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_file(&parser, f);
        for (;;) {
            yaml_event_t event;
            if (!yaml_parser_parse(&parser, &event)) {
                fprintf(stderr, "%s: %s\n", argv[i], parser.problem);
                return 1;
            }
            events++;
            int done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            if (done)
                break;
        }
        yaml_parser_delete(&parser);
        fclose(f);
    }
    printf("%lu events\n", events);
    return 0;
}
