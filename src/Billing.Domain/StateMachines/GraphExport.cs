using System.Text;

namespace Billing.Domain.StateMachines;

/// <summary>Writes a machine's table as Mermaid or DOT text, in the order it was configured.</summary>
internal static class GraphExport
{
    public static string Mermaid(IEnumerable<string> states, IEnumerable<Group> groups, IEnumerable<Edge> edges)
    {
        var text = new StringBuilder().Append("stateDiagram-v2\n");
        foreach (var state in states)
        {
            text.Append("    ").Append(MermaidState(state)).Append('\n');
        }

        foreach (var group in groups)
        {
            text.Append("    state ").Append(Id(group.Name)).Append(" {\n");
            foreach (var member in group.Members)
            {
                text.Append("        ").Append(MermaidState(member)).Append('\n');
            }

            text.Append("    }\n");
        }

        foreach (var edge in edges)
        {
            text.Append("    ").Append(Id(edge.Source)).Append(" --> ").Append(Id(edge.Target))
                .Append(" : ").Append(edge.Trigger);
            if (edge.Guard is not null)
            {
                text.Append(" [").Append(edge.Guard).Append(']');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static string Dot(string name, IEnumerable<string> states, IEnumerable<Group> groups, IEnumerable<Edge> edges)
    {
        var text = new StringBuilder()
            .Append("digraph ").Append(name).Append(" {\n")
            .Append("    rankdir=LR;\n")
            .Append("    node [shape=box, style=rounded];\n");
        foreach (var state in states)
        {
            text.Append("    ").Append(Quote(state)).Append(";\n");
        }

        foreach (var group in groups)
        {
            text.Append("    subgraph ").Append(Quote("cluster_" + Id(group.Name))).Append(" {\n")
                .Append("        label=").Append(Quote(group.Name)).Append(";\n")
                .Append("        ").Append(Quote(group.Name)).Append(" [shape=folder];\n");
            foreach (var member in group.Members)
            {
                text.Append("        ").Append(Quote(member)).Append(";\n");
            }

            text.Append("    }\n");
        }

        foreach (var edge in edges)
        {
            var label = edge.Guard is null ? edge.Trigger : $"{edge.Trigger} [{edge.Guard}]";
            text.Append("    ").Append(Quote(edge.Source)).Append(" -> ").Append(Quote(edge.Target))
                .Append(" [label=").Append(Quote(label)).Append("];\n");
        }

        return text.Append("}\n").ToString();
    }

    private static string MermaidState(string label) => Id(label) == label ? label : $"state \"{label}\" as {Id(label)}";

    // "Waiting for manual approve" -> WaitingForManualApprove
    private static string Id(string label)
    {
        var id = new StringBuilder(label.Length);
        var upper = true;
        foreach (var c in label)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                id.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return id.ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    internal sealed record Edge(string Source, string Target, string Trigger, string? Guard);

    internal sealed record Group(string Name, IReadOnlyList<string> Members);
}
