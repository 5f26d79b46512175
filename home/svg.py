"""Sanitising of uploaded SVG images (partners' and donors' logos).

An SVG is a document, not a picture: it may carry scripts, event handlers, links and
references to other servers. Opened directly from /media/ it would run in the site's
origin, and even inside an <img> an external reference tells a third party who looks
at the page. So every SVG is rebuilt from an allowlist before it is stored: only
drawing elements and presentation attributes survive, every reference must point
inside the file (`#id`), and the only data: URIs kept are raster images embedded in
an <image> (PNG, JPEG, GIF, WebP). XML entity declarations (billion laughs, XXE) are
refused outright: defusedxml parses the file, never expands them and never fetches
anything.

`sanitise_svg(data)` is a pure function; bad input raises ValueError with a French
message that the image form shows as it is.
"""

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Drawing, structure, paint servers, clipping, masking, filters and text: what a logo is
# made of. Everything else (script, foreignObject, animations, iframe, metadata,
# editors' private elements…) is dropped with its content.
ALLOWED_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "defs",
        "symbol",
        "use",
        "switch",
        "title",
        "desc",
        "style",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "image",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "clipPath",
        "mask",
        "marker",
        "filter",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
    }
)
# A link keeps its drawing: its children move into a plain group.
UNWRAPPED_ELEMENTS = frozenset({"a"})
# These only make sense with a reference; without a safe one they go.
ELEMENTS_NEEDING_HREF = frozenset({"use", "image", "textPath"})

ALLOWED_ATTRIBUTES = frozenset(
    {
        # structure and geometry
        "id",
        "class",
        "style",
        "version",
        "baseProfile",
        "viewBox",
        "preserveAspectRatio",
        "transform",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "fx",
        "fy",
        "fr",
        "d",
        "points",
        "pathLength",
        "width",
        "height",
        # paint and presentation
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-opacity",
        "opacity",
        "color",
        "display",
        "visibility",
        "overflow",
        "clip",
        "clip-path",
        "clip-rule",
        "mask",
        "filter",
        "marker-start",
        "marker-mid",
        "marker-end",
        "paint-order",
        "vector-effect",
        "shape-rendering",
        "text-rendering",
        "image-rendering",
        "color-interpolation",
        "color-interpolation-filters",
        "mix-blend-mode",
        "isolation",
        # gradients, patterns, clip paths, masks, markers
        "offset",
        "stop-color",
        "stop-opacity",
        "gradientUnits",
        "gradientTransform",
        "spreadMethod",
        "patternUnits",
        "patternContentUnits",
        "patternTransform",
        "clipPathUnits",
        "maskUnits",
        "maskContentUnits",
        "markerWidth",
        "markerHeight",
        "markerUnits",
        "refX",
        "refY",
        "orient",
        # text
        "font-family",
        "font-size",
        "font-size-adjust",
        "font-stretch",
        "font-style",
        "font-variant",
        "font-weight",
        "text-anchor",
        "text-decoration",
        "dominant-baseline",
        "alignment-baseline",
        "baseline-shift",
        "letter-spacing",
        "word-spacing",
        "writing-mode",
        "direction",
        "unicode-bidi",
        "dx",
        "dy",
        "rotate",
        "textLength",
        "lengthAdjust",
        "startOffset",
        "method",
        "spacing",
        # filters
        "filterUnits",
        "primitiveUnits",
        "in",
        "in2",
        "result",
        "stdDeviation",
        "mode",
        "operator",
        "k1",
        "k2",
        "k3",
        "k4",
        "values",
        "type",
        "tableValues",
        "slope",
        "intercept",
        "amplitude",
        "exponent",
        "flood-color",
        "flood-opacity",
        "lighting-color",
        "radius",
        "scale",
        "xChannelSelector",
        "yChannelSelector",
        "baseFrequency",
        "numOctaves",
        "seed",
        "stitchTiles",
        "order",
        "kernelMatrix",
        "divisor",
        "bias",
        "targetX",
        "targetY",
        "edgeMode",
        "preserveAlpha",
        "surfaceScale",
        "diffuseConstant",
        "specularConstant",
        "specularExponent",
        "kernelUnitLength",
        "azimuth",
        "elevation",
        "z",
        "pointsAtX",
        "pointsAtY",
        "pointsAtZ",
        "limitingConeAngle",
        # <style type="text/css">, <switch> children's test attributes
        "media",
        "systemLanguage",
        # accessibility, for an SVG opened on its own
        "role",
        "lang",
        "aria-label",
        "aria-labelledby",
        "aria-describedby",
        "aria-hidden",
    }
)

MAX_DEPTH = 200

LOCAL_FRAGMENT = re.compile(r"^#[A-Za-z_][\w.\-:]*$")
RASTER_DATA_URI = re.compile(
    r"^data:image/(?:png|jpeg|jpg|gif|webp);base64,[A-Za-z0-9+/=\s]+$", re.IGNORECASE
)
URL_FUNCTION = re.compile(r"url\s*\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
URL_OPENING = re.compile(r"url\s*\(", re.IGNORECASE)
# CSS escapes ("u\72l(") and these keywords can smuggle what the url() check looks for,
# or load something without url() at all (@import "…", image("…")).
CSS_FORBIDDEN = re.compile(
    r"\\|@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding|image\s*\(|"
    r"image-set\s*\(|cross-fade\s*\(|src\s*\(|<",
    re.IGNORECASE,
)
ATTRIBUTE_FORBIDDEN = re.compile(r"\\|javascript:|expression\s*\(", re.IGNORECASE)


def _local_name(qualified):
    """("{ns}name") → (ns, name); a name without namespace is taken as SVG."""
    if qualified.startswith("{"):
        namespace, _sep, name = qualified[1:].partition("}")
        return namespace, name
    return SVG_NS, qualified


def _only_local_urls(value):
    """True when every url(…) in `value` points inside the document (url(#id))."""
    for match in URL_FUNCTION.finditer(value):
        if not LOCAL_FRAGMENT.match(match.group(2).strip()):
            return False
    # An unbalanced "url(" the regex did not see is no safer.
    return len(URL_OPENING.findall(value)) == len(URL_FUNCTION.findall(value))


def _safe_css(text):
    return not CSS_FORBIDDEN.search(text) and _only_local_urls(text)


def _clean_style_attribute(value):
    """Keep the declarations of a style="" attribute that reference nothing outside."""
    kept = [
        declaration.strip()
        for declaration in value.split(";")
        if ":" in declaration and _safe_css(declaration)
    ]
    return "; ".join(kept)


def _safe_href(value, element_name):
    value = value.strip()
    if LOCAL_FRAGMENT.match(value):
        return value
    if element_name == "image" and RASTER_DATA_URI.match(value):
        return re.sub(r"\s+", "", value)
    return None


def _clean_attributes(source, element_name):
    """(name, value) pairs to write, in source order; "xlink:href" keeps its prefix."""
    cleaned = []
    for qualified, value in source.attrib.items():
        namespace, name = _local_name(qualified)
        if name.lower().startswith("on"):
            continue
        if name == "href" and namespace in (SVG_NS, XLINK_NS):
            href = _safe_href(value, element_name)
            if href is not None:
                cleaned.append(("xlink:href" if namespace == XLINK_NS else "href", href))
            continue
        if namespace == XML_NS and name in ("space", "lang"):
            cleaned.append((f"xml:{name}", value))
            continue
        if namespace != SVG_NS or name not in ALLOWED_ATTRIBUTES:
            continue
        if name == "style":
            value = _clean_style_attribute(value)
            if value:
                cleaned.append((name, value))
            continue
        if ATTRIBUTE_FORBIDDEN.search(value) or not _only_local_urls(value):
            continue
        cleaned.append((name, value))
    return cleaned


def _escape(text, quote=False):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


def _serialise(element, name, depth, out):
    """Write `element` (already known as an allowed `name`) and its allowed children."""
    if depth > MAX_DEPTH:
        raise ValueError(_("Ce fichier SVG est trop profondément imbriqué pour être accepté."))
    attributes = _clean_attributes(element, name)
    if name in ELEMENTS_NEEDING_HREF and not any(key.endswith("href") for key, _v in attributes):
        return
    if name == "style":
        css = element.text or ""
        if not _safe_css(css):
            return
        out.append(f"<style{_format_attributes(attributes)}>{_escape(css)}</style>")
        return
    if depth == 0:
        attributes = [
            ("xmlns", SVG_NS),
            ("xmlns:xlink", XLINK_NS),
            *[(key, value) for key, value in attributes if not key.startswith("xmlns")],
        ]
    out.append(f"<{name}{_format_attributes(attributes)}>")
    if element.text:
        out.append(_escape(element.text))
    _serialise_children(element, depth, out)
    out.append(f"</{name}>")


def _serialise_children(element, depth, out):
    for child in element:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions
        namespace, child_name = _local_name(child.tag)
        if namespace == SVG_NS and child_name in ALLOWED_ELEMENTS:
            _serialise(child, child_name, depth + 1, out)
        elif namespace == SVG_NS and child_name in UNWRAPPED_ELEMENTS:
            group = Element("g", {k: v for k, v in child.attrib.items() if "href" not in k})
            group.text = child.text
            group.extend(list(child))
            _serialise(group, "g", depth + 1, out)
        # The text after a dropped element still belongs to its parent.
        if child.tail:
            out.append(_escape(child.tail))


def _format_attributes(attributes):
    return "".join(f' {key}="{_escape(value, quote=True)}"' for key, value in attributes)


def sanitise_svg(data: bytes) -> bytes:
    """Return a safe copy of the SVG document `data`: drawing kept, active content gone.

    Raises ValueError (French message) when `data` is not a readable SVG, or declares
    XML entities.
    """
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise ValueError(
            _(
                "Ce fichier SVG déclare des entités XML, refusées pour des raisons de "
                "sécurité. Réenregistrez-le depuis votre logiciel de dessin en « SVG "
                "simple » puis envoyez-le à nouveau."
            )
        ) from error
    except (ParseError, ValueError, UnicodeError) as error:
        raise ValueError(
            _(
                "Ce fichier SVG est illisible (il est incomplet ou mal formé). Ouvrez-le "
                "dans votre logiciel de dessin, réenregistrez-le en SVG puis envoyez-le à "
                "nouveau, ou envoyez plutôt une image PNG."
            )
        ) from error
    namespace, name = _local_name(root.tag)
    if namespace != SVG_NS or name != "svg":
        raise ValueError(
            _("Ce fichier n'est pas une image SVG : sa balise principale n'est pas <svg>.")
        )
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    _serialise(root, "svg", 0, out)
    return "".join(out).encode("utf-8")


def looks_like_svg_name(name):
    return bool(name) and name.lower().endswith(".svg")
