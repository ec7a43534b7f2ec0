using System.Buffers.Binary;

namespace Billing.Domain.Pdf;

/// <summary>
/// Which characters a TrueType font has glyphs for, read from its <c>cmap</c> table (the Windows Unicode subtables:
/// format 12 for the full range, else format 4 for the basic plane): what decides, character by character, which of
/// the shipped fonts draws a text.
/// </summary>
internal sealed class FontCoverage
{
    private readonly (int First, int Last)[] _ranges;

    private FontCoverage((int First, int Last)[] ranges)
    {
        _ranges = ranges;
    }

    /// <summary>Returns whether the font has a glyph for <paramref name="codePoint"/>.</summary>
    public bool Covers(int codePoint)
    {
        int low = 0, high = _ranges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var (first, last) = _ranges[middle];
            if (codePoint < first)
            {
                high = middle - 1;
            }
            else if (codePoint > last)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the coverage of a TrueType font file.</summary>
    /// <exception cref="InvalidDataException">The file has no Unicode cmap subtable this reader knows.</exception>
    public static FontCoverage Read(ReadOnlySpan<byte> font)
    {
        var cmap = Table(font, "cmap");
        var subtables = U16(cmap, 2);
        int format4 = -1, format12 = -1;
        for (var i = 0; i < subtables; i++)
        {
            var record = cmap[(4 + (8 * i))..];
            var (platform, encoding, offset) = (U16(record, 0), U16(record, 2), (int)U32(record, 4));
            var format = U16(cmap, offset);
            if (format == 12 && (platform == 3 && encoding == 10 || platform == 0))
            {
                format12 = offset;
            }
            else if (format == 4 && (platform == 3 && encoding == 1 || platform == 0))
            {
                format4 = offset;
            }
        }

        var ranges = format12 >= 0 ? Format12(cmap[format12..]) : format4 >= 0 ? Format4(cmap[format4..]) : throw new InvalidDataException("The font has no Unicode cmap subtable.");
        return new FontCoverage(Merge(ranges));
    }

    private static List<(int, int)> Format12(ReadOnlySpan<byte> table)
    {
        var groups = (int)U32(table, 12);
        var ranges = new List<(int, int)>(groups);
        for (var i = 0; i < groups; i++)
        {
            var group = table[(16 + (12 * i))..];
            if (U32(group, 8) != 0 || U32(group, 0) != U32(group, 4))   // a group of one character mapped to glyph 0 is a missing glyph
            {
                ranges.Add(((int)U32(group, 0), (int)U32(group, 4)));
            }
        }

        return ranges;
    }

    private static List<(int, int)> Format4(ReadOnlySpan<byte> table)
    {
        var segments = U16(table, 6) / 2;
        var ends = 14;
        var starts = ends + (2 * segments) + 2;
        var deltas = starts + (2 * segments);
        var rangeOffsets = deltas + (2 * segments);
        var ranges = new List<(int, int)>();
        for (var s = 0; s < segments; s++)
        {
            int end = U16(table, ends + (2 * s)), start = U16(table, starts + (2 * s)), delta = U16(table, deltas + (2 * s));
            var rangeOffset = U16(table, rangeOffsets + (2 * s));
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0)
                {
                    glyph = (c + delta) & 0xFFFF;
                }
                else
                {
                    var at = rangeOffsets + (2 * s) + rangeOffset + (2 * (c - start));
                    glyph = at + 1 < table.Length ? U16(table, at) : 0;
                    glyph = glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
                }

                if (glyph != 0)
                {
                    ranges.Add((c, c));
                }
            }
        }

        return ranges;
    }

    private static (int, int)[] Merge(List<(int First, int Last)> ranges)
    {
        ranges.Sort();
        var merged = new List<(int First, int Last)>();
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.First <= merged[^1].Last + 1)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, range.Last));
            }
            else
            {
                merged.Add(range);
            }
        }

        return [.. merged];
    }

    private static ReadOnlySpan<byte> Table(ReadOnlySpan<byte> font, string tag)
    {
        var tables = U16(font, 4);
        for (var i = 0; i < tables; i++)
        {
            var record = font[(12 + (16 * i))..];
            if (record[0] == tag[0] && record[1] == tag[1] && record[2] == tag[2] && record[3] == tag[3])
            {
                return font.Slice((int)U32(record, 8), (int)U32(record, 12));
            }
        }

        throw new InvalidDataException($"The font has no {tag} table.");
    }

    private static int U16(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadUInt16BigEndian(data[at..]);

    private static uint U32(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadUInt32BigEndian(data[at..]);
}
