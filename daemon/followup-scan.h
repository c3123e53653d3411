/* followup-scan.h: where each setting and list element of a libconfig
 * text begins and ends
 *
 * libconfig parses and validates; it reports only the line a setting starts
 * on, and several settings may share a line. The writer needs byte spans, so
 * this scanner walks text libconfig has already accepted (strings with
 * escapes, adjacent strings, the three comment styles) and records them. It
 * is checked against libconfig's own tree by followup_scan_verify (). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  FOLLOWUP_SCAN_SCALAR,
  FOLLOWUP_SCAN_GROUP,
  FOLLOWUP_SCAN_LIST,
  FOLLOWUP_SCAN_ARRAY,
} FollowupScanKind;

typedef struct _FollowupScanNode FollowupScanNode;

typedef struct {
  char *name;
  gsize start;    /* the name's first byte */
  gsize op_start; /* just after the name */
  FollowupScanNode *value;
  gsize end;       /* after the ';' or ',' that ends it, else after the value */
  char terminator; /* ';', ',' or 0 */
} FollowupScanSetting;

struct _FollowupScanNode {
  FollowupScanKind kind;
  gsize start, end;    /* '{' to after '}'; a scalar: its first to after its last byte */
  GPtrArray *settings; /* a group's FollowupScanSetting, in text order */
  GPtrArray *elements; /* a list's or array's FollowupScanNode */
  GArray *commas;      /* gsize: the ',' after element i; G_MAXSIZE after the last */
};

/* the value starting at or after `pos` (spaces and comments skipped); NULL
 * when the text there is not one */
FollowupScanNode *followup_scan_value (const char *text, gsize length, gsize pos);
/* the settings of a whole file, as one group spanning it */
FollowupScanNode *followup_scan_file (const char *text, gsize length);
void followup_scan_node_free (FollowupScanNode *node);
FollowupScanSetting *followup_scan_find (FollowupScanNode *group, const char *name);

/* from `pos`, past spaces, tabs and comments on the same line: just after
 * its newline, or G_MAXSIZE when something else follows on the line */
gsize followup_scan_line_end (const char *text, gsize length, gsize pos);
/* the start of the line `pos` is on, when only blanks precede `pos` on
 * it; else G_MAXSIZE */
gsize followup_scan_line_start (const char *text, gsize pos);

/* the first problem a file has as text, before libconfig sees it: empty,
 * NUL bytes, invalid UTF-8 outside comments, @include. NULL when none;
 * `line` gets where */
char *followup_scan_refuse (const char *text, gsize length, int *line);

/* NULL when every setting and element the scanner finds in `text` matches
 * libconfig's tree of it (names, kinds, counts, lines); else what differs */
char *followup_scan_verify (const char *text, gsize length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowupScanNode, followup_scan_node_free)

G_END_DECLS
