using Billing.Domain.Storage;

namespace Billing.Domain.Tests.Storage;

public class PagingTests
{
    [Fact]
    public void Cut_ReturnsThePage_AndWhetherMoreFollow()
    {
        var rows = Enumerable.Range(1, 7).ToArray();

        var second = new PageRequest(2, 3).Cut(rows);
        var last = new PageRequest(3, 3).Cut(rows);
        var beyond = new PageRequest(9, 3).Cut(rows);

        Assert.Equal([4, 5, 6], second.Items);
        Assert.Equal((7, true), (second.TotalCount, second.HasNext));
        Assert.Equal([7], last.Items);
        Assert.False(last.HasNext);
        Assert.Empty(beyond.Items);
        Assert.Equal(3, new PageRequest(2, 3).Skip);
    }

    [Fact]
    public void PageRequest_BadInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("number", () => new PageRequest(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>("size", () => new PageRequest(1, PageRequest.MaxSize + 1));
        Assert.Equal(int.MaxValue, new PageRequest(int.MaxValue, PageRequest.MaxSize).Skip);
    }

    [Fact]
    public void InstantRange_IsHalfOpen_AndEitherEndMayBeOpen()
    {
        var start = Instant.FromUtc(2026, 3, 1, 0, 0);
        var end = start + Duration.FromDays(1);

        Assert.True(new InstantRange(start, end).Contains(start));
        Assert.False(new InstantRange(start, end).Contains(end));
        Assert.True(new InstantRange(null, end).Contains(Instant.MinValue));
        Assert.True(new InstantRange(start, null).Contains(Instant.MaxValue));
        Assert.True(InstantRange.All.Contains(start));
        Assert.Throws<ArgumentException>("end", () => new InstantRange(end, start));
    }
}
