// zlib (Debian: zlib1g-dev): the site's exports are deflated, for the browser's DecompressionStream("deflate").
#include <zlib.h>
