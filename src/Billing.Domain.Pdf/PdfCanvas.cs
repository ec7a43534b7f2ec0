using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Billing.Domain.Pdf;

/// <summary>
/// Lays a document out on A4 pages, top to bottom: a title, label-value fields, headings, tables whose cells wrap
/// and whose header repeats on each new page, and a footer naming the document and the page. Every text is drawn in
/// runs of the shipped font that has its glyphs.
/// </summary>
internal sealed class PdfCanvas : IDisposable
{
    private const double Margin = 42;
    private const double Body = 9;
    private const double Leading = 1.35;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private readonly PdfDocument _document;
    private readonly string _footer;
    private readonly Dictionary<(string, double, bool), XFont> _fonts = [];
    private XGraphics? _graphics;
    private PdfPage? _page;
    private double _y;

    public PdfCanvas(PdfDocument document, string footer)
    {
        _document = document;
        _footer = footer;
        NewPage();
    }

    private double Width => _page!.Width.Point - (2 * Margin);

    private double Bottom => _page!.Height.Point - Margin - 14;

    public void Dispose() => _graphics?.Dispose();

    public void Title(string text)
    {
        Draw(text, Margin, _y, 16, bold: true);
        _y += 16 * Leading + 8;
    }

    public void Heading(string text)
    {
        Space(Body * 4);
        _y += 6;
        Draw(text, Margin, _y, 11, bold: true);
        _y += 11 * Leading + 2;
    }

    public void Field(string label, string value)
    {
        const double LabelWidth = 110;
        var lines = Wrap(value, Width - LabelWidth, Body, bold: false);
        Space(lines.Count * Body * Leading);
        Draw(label, Margin, _y, Body, bold: true);
        foreach (var line in lines)
        {
            Draw(line, Margin + LabelWidth, _y, Body, bold: false);
            _y += Body * Leading;
        }
    }

    public void Line(string text, bool bold = false)
    {
        foreach (var line in Wrap(text, Width, Body, bold))
        {
            Space(Body * Leading);
            Draw(line, Margin, _y, Body, bold);
            _y += Body * Leading;
        }
    }

    /// <summary>Draws a table: columns sized by fractions of the width, right-aligned where asked, a note under a row in small print.</summary>
    public void Table(string[] headers, double[] fractions, bool[] right, IReadOnlyList<string[]> rows, IReadOnlyList<string?>? notes = null)
    {
        var widths = fractions.Select(f => f * Width).ToArray();
        if (rows.Count == 0)
        {
            Line("(none)");
            return;
        }

        Header(headers, widths, right);
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = rows[r].Select((c, i) => Wrap(c, widths[i] - 4, Body, bold: false)).ToArray();
            var note = notes?[r] is { } text ? Wrap(text, Width - 12, Body - 1.5, bold: false) : [];
            var height = (cells.Max(c => c.Count) * Body * Leading) + (note.Count * (Body - 1.5) * Leading) + 3;
            if (_y + height > Bottom)
            {
                NewPage();
                Header(headers, widths, right);
            }

            DrawRow(cells, widths, right, Body, bold: false);
            _y += cells.Max(c => c.Count) * Body * Leading;
            foreach (var line in note)
            {
                Draw(line, Margin + 12, _y, Body - 1.5, bold: false);
                _y += (Body - 1.5) * Leading;
            }

            _graphics!.DrawLine(XPens.LightGray, Margin, _y + 1, Margin + Width, _y + 1);
            _y += 3;
        }
    }

    private void Header(string[] headers, double[] widths, bool[] right)
    {
        Space(Body * Leading * 3);
        DrawRow([.. headers.Select(h => (IReadOnlyList<string>)[h])], widths, right, Body, bold: true);
        _y += Body * Leading;
        _graphics!.DrawLine(XPens.Black, Margin, _y + 1, Margin + Width, _y + 1);
        _y += 4;
    }

    private void DrawRow(IReadOnlyList<string>[] cells, double[] widths, bool[] right, double size, bool bold)
    {
        var x = Margin;
        for (var i = 0; i < cells.Length; i++)
        {
            var y = _y;
            foreach (var line in cells[i])
            {
                var at = right[i] ? x + widths[i] - 2 - Measure(line, size, bold) : x;
                Draw(line, at, y, size, bold);
                y += size * Leading;
            }

            x += widths[i];
        }
    }

    // Starts a new page when the next block of this height would run past the bottom.
    private void Space(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Margin;
        var footer = $"{_footer} · page {_document.PageCount}";
        Draw(footer, Margin + Width - Measure(footer, 7, bold: false), _page.Height.Point - Margin, 7, bold: false);
    }

    private List<string> Wrap(string text, double width, double size, bool bold)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Measure(candidate, size, bold) > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private double Measure(string text, double size, bool bold) =>
        BillingFonts.Runs(text).Sum(run => _graphics!.MeasureString(run.Text, Font(run.Family, size, bold)).Width);

    // Each run in the font that has its glyphs, all on the main font's baseline: a run in a font with a taller ascent is
    // set that much higher up from the top, so that a header mixing scripts reads as one line.
    private void Draw(string text, double x, double y, double size, bool bold)
    {
        var baseline = Ascent(Font(BillingFonts.Sans, size, bold));
        foreach (var (family, run) in BillingFonts.Runs(text))
        {
            var font = Font(family, size, bold);
            _graphics!.DrawString(run, font, XBrushes.Black, new XPoint(x, y + baseline - Ascent(font)), XStringFormats.TopLeft);
            x += _graphics.MeasureString(run, font).Width;
        }
    }

    private static double Ascent(XFont font) => font.Size * font.Metrics.Ascent / font.Metrics.UnitsPerEm;

    private XFont Font(string family, double size, bool bold)
    {
        if (!_fonts.TryGetValue((family, size, bold), out var font))
        {
            _fonts[(family, size, bold)] = font = new XFont(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
        }

        return font;
    }
}
