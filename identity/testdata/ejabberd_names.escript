#!/usr/bin/env escript
%% Runs ejabberd's own certificate-name extraction (processone/xmpp
%% xmpp_stream_pkix:get_cert_domains/1, as installed) on PEM files.
%% Arguments are groups "FILE HOST..." separated by "--". For each group it
%% prints one line: "crash" when the extraction crashes, otherwise "true"
%% or "false" per host, space-separated: whether one of the extracted names
%% matches the host the way verify_server_cert does (the host mapped with
%% idna:utf8_to_ascii, then match_domain, restated below).
main(Args) ->
    {ok, _} = application:ensure_all_started(xmpp),
    [check(G) || G <- groups(Args, [], [])].

groups([], [], Acc) -> lists:reverse(Acc);
groups([], Cur, Acc) -> lists:reverse([lists:reverse(Cur) | Acc]);
groups(["--" | Rest], Cur, Acc) -> groups(Rest, [], [lists:reverse(Cur) | Acc]);
groups([A | Rest], Cur, Acc) -> groups(Rest, [A | Cur], Acc).

check([File | Hosts]) ->
    {ok, Pem} = file:read_file(File),
    [{_, Der, _} | _] = public_key:pem_decode(Pem),
    Cert = public_key:pkix_decode_cert(Der, otp),
    try xmpp_stream_pkix:get_cert_domains(Cert) of
        Names -> io:format("~s~n", [lists:join(" ", [matches(H, Names) || H <- Hosts])])
    catch
        _:_ -> io:format("crash~n")
    end.

matches(Host, Names) ->
    try list_to_binary(idna:utf8_to_ascii(unicode:characters_to_binary(Host))) of
        Ascii -> atom_to_list(lists:any(fun(N) -> match(Ascii, N) end, Names))
    catch
        _:_ -> "false"
    end.

%% match_domain: equal bytes, or "*." followed by the domain minus its first
%% label.
match(D, D) -> true;
match(D, <<"*.", Rest/binary>>) ->
    case binary:split(D, <<$.>>) of
        [_, Rest] -> true;
        _ -> false
    end;
match(_, _) -> false.
