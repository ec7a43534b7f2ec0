using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Billing.Domain.Lifecycles;
using Billing.Domain.Subscriptions;
using Billing.Domain.Tests.Shared;

namespace Billing.Domain.Tests;

/// <summary>Rules that span every type of the core, checked by reflection so that a new type cannot miss them.</summary>
public partial class ConsistencyTests
{
    private static readonly Type[] PublicTypes = typeof(Money).Assembly.GetExportedTypes();

    public static TheoryData<Type> PublicValueTypes => [.. PublicTypes.Where(t => t.IsValueType && !t.IsEnum)];

    public static TheoryData<Type> ExceptionTypes => [.. PublicTypes.Where(t => typeof(Exception).IsAssignableFrom(t))];

    [Theory]
    [MemberData(nameof(PublicValueTypes))]
    public void PublicValueType_IsReadOnlyWithEqualityOperators(Type type)
    {
        Assert.True(type.IsDefined(typeof(IsReadOnlyAttribute)), $"{type.Name} is not a readonly struct.");
        Assert.Contains(typeof(IEquatable<>).MakeGenericType(type), type.GetInterfaces());
        Assert.NotNull(type.GetMethod("op_Equality", [type, type]));
        Assert.NotNull(type.GetMethod("op_Inequality", [type, type]));
    }

    [Fact]
    public void PublicTypes_HaveNoPublicSetters()
    {
        var setters = PublicTypes
            .Where(t => !typeof(Exception).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } && !IsInitOnly(p))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");

        Assert.Empty(setters);
    }

    [Theory]
    [MemberData(nameof(ExceptionTypes))]
    public void Exception_IsABillingExceptionWithAStableCode(Type type)
    {
        Assert.True(typeof(BillingException).IsAssignableFrom(type), $"{type.Name} does not derive from BillingException.");
        if (type.IsAbstract)
        {
            return;
        }

        Assert.True(type.IsSealed, $"{type.Name} is not sealed.");
        var code = type.GetField("ErrorCode", BindingFlags.Public | BindingFlags.Static);
        var suffix = type.GetField("ErrorCodeSuffix", BindingFlags.Public | BindingFlags.Static);
        Assert.True(code is { IsLiteral: true } ^ suffix is { IsLiteral: true }, $"{type.Name} has neither a const ErrorCode nor a const ErrorCodeSuffix (for codes that start with a machine's name).");
        Assert.Matches(CodePattern(), code is not null ? (string)code.GetRawConstantValue()! : "machine." + (string)suffix!.GetRawConstantValue()!);
    }

    [Fact]
    public void ErrorCodes_AreUnique()
    {
        var codes = PublicTypes
            .Select(t => t.GetField("ErrorCode", BindingFlags.Public | BindingFlags.Static))
            .OfType<FieldInfo>()
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(codes);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Namespaces_AreNotNamedLikeTypes()
    {
        var typeNames = PublicTypes.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var clashes = PublicTypes.Select(t => t.Namespace!.Split('.')[^1]).Distinct().Where(typeNames.Contains);

        Assert.Empty(clashes);
    }

    [Fact]
    public void ErrorDocs_ListEveryCode()
    {
        var errors = File.ReadAllText(Path.Combine(Repository.Root, "docs", "errors.md"));

        var codes = PublicTypes
            .Select(t => t.GetField("ErrorCode", BindingFlags.Public | BindingFlags.Static))
            .OfType<FieldInfo>()
            .Select(f => (string)f.GetRawConstantValue()!)
            .Append(SubscriptionLifecycle.Machine.Name + "." + TransitionRefusedException.ErrorCodeSuffix);

        Assert.All(codes, code => Assert.Contains($"`{code}`", errors, StringComparison.Ordinal));
    }

    private static bool IsInitOnly(PropertyInfo property) =>
        property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    [GeneratedRegex("^[a-z]+(_[a-z]+)*\\.[a-z]+(_[a-z]+)*$")]
    private static partial Regex CodePattern();
}
