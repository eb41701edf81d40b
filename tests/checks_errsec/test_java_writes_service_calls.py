"""JAVA-WRITES-NO-TX: a service's own operation (`userService.updateUserDepart(...)`) is not a database write
of the caller, even where the service is also read with `getById` (a MyBatis-Plus IService): it keeps its
own transaction. Two mapper writes in a row still are."""

from __future__ import annotations

from .helpers import findings_of

SOURCE = """package app;

@RestController
public class LoginController {
    @Autowired
    private ISysUserService sysUserService;
    @Autowired
    private SysUserMapper userMapper;

    @PostMapping("/login")
    public Result<JSONObject> login(@RequestBody LoginModel model) {
        SysUser user = sysUserService.getById(model.getId());
        sysUserService.updateUserDepart(user.getUsername(), model.getOrgCode(), null);
        sysUserService.updateLoginTime(user.getId());
        return Result.ok();
    }

    @PostMapping("/quit")
    public Result<String> quit(@RequestBody SysUser user) { // FLAG
        userMapper.updateAgent(user.getId(), null);
        userMapper.deleteDeparts(user.getId());
        return Result.ok();
    }
}
"""


def test_service_operations_are_not_writes_but_mapper_writes_are() -> None:
    lines = {line for line, rule in findings_of("src/main/java/app/LoginController.java", SOURCE)
             if rule == "JAVA-WRITES-NO-TX"}
    assert lines == {no for no, text in enumerate(SOURCE.splitlines(), start=1) if "// FLAG" in text}
