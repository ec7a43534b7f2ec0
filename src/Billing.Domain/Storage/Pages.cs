namespace Billing.Domain.Storage;

/// <summary>Reads every page of a paged query.</summary>
internal static class Pages
{
    /// <summary>Reads pages of the largest size until the last one.</summary>
    public static async Task<List<T>> AllAsync<T>(Func<PageRequest, Task<Page<T>>> read)
    {
        var all = new List<T>();
        for (var page = new PageRequest(1, PageRequest.MaxSize); ; page = new PageRequest(page.Number + 1, page.Size))
        {
            var rows = await read(page).ConfigureAwait(false);
            all.AddRange(rows.Items);
            if (!rows.HasNext)
            {
                return all;
            }
        }
    }
}
